package dev.fairway.cli.platform;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes check results in the JUnit XML format CI systems read (Jenkins, GitLab, GitHub actions). */
public final class JUnitReport {

    private JUnitReport() {}

    public static String xml(String suite, List<CheckResult> results, Instant started) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            long failures = results.stream().filter(r -> !r.passed()).count();
            double total = results.stream().map(CheckResult::time).reduce(Duration.ZERO, Duration::plus).toMillis() / 1000.0;
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", suite);
            w.writeAttribute("tests", Integer.toString(results.size()));
            w.writeAttribute("failures", Long.toString(failures));
            w.writeCharacters("\n  ");
            w.writeStartElement("testsuite");
            w.writeAttribute("name", suite);
            w.writeAttribute("tests", Integer.toString(results.size()));
            w.writeAttribute("failures", Long.toString(failures));
            w.writeAttribute("errors", "0");
            w.writeAttribute("skipped", "0");
            w.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", total));
            w.writeAttribute("timestamp", started.toString());
            for (CheckResult r : results) {
                w.writeCharacters("\n    ");
                w.writeStartElement("testcase");
                w.writeAttribute("classname", r.group());
                w.writeAttribute("name", r.name());
                w.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", r.time().toMillis() / 1000.0));
                if (!r.passed()) {
                    w.writeStartElement("failure");
                    w.writeAttribute("message", firstLine(r.failure()));
                    w.writeCharacters(r.failure());
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeCharacters("\n  ");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the JUnit report: " + e.getMessage(), e);
        }
        return text.toString();
    }

    public static void write(Path file, String suite, List<CheckResult> results, Instant started) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, xml(suite, results, started), StandardCharsets.UTF_8);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
