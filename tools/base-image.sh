#!/usr/bin/env bash
# Builds the engine image's base (Debian bookworm with OpenJDK 17 JRE) from Debian packages only,
# as a docker-archive tarball that Jib takes with -Djib.from.image=tar://...: no Docker, no
# container registry (this team's build machines reach Maven Central and Debian, nothing else).
#
#   tools/base-image.sh [OUT.tar]          (default: target/fairway-base.tar; needs root for debootstrap)
#   ./mvnw -B -pl fairway-cli -am package jib:buildTar -DskipTests -Djib.from.image=tar://$PWD/target/fairway-base.tar
set -euo pipefail
out="${1:-target/fairway-base.tar}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$root" "$mirror" >&2
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/var/log/* "$root"/tmp/*
java_home="/usr/lib/jvm/java-17-openjdk-amd64"
[ -x "$root$java_home/bin/java" ] || { echo "no java in the base image at $java_home" >&2; exit 1; }
mkdir -p "$work/image"
tar --numeric-owner --sort=name --mtime='2026-01-01' -C "$root" -cf "$work/image/layer.tar" .
diff_id="sha256:$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)"
cat > "$work/image/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]}}
JSON
cat > "$work/image/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["fairway-base:bookworm-jre17"],"Layers":["layer.tar"]}]
JSON
mkdir -p "$(dirname "$out")"
tar -C "$work/image" -cf "$out" manifest.json config.json layer.tar
echo "base image: $out ($(du -h "$out" | cut -f1)), java at $java_home" >&2
