# syntax=docker/dockerfile:1
# Junction's container image: the release archive (docs/deploy.md) on a slim Debian, nothing else.
#   docker build -t junction .
#   docker run --read-only --tmpfs /tmp -v junction-data:/data -p 8080:8080 junction
# Stage 1 builds with the same Maven command as a release build on a workstation; stage 2 holds only the unpacked
# archive: its own jlinked Java runtime, the jar, the AOT cache trained for both, the launcher.

FROM node:22-bookworm-slim AS node

FROM eclipse-temurin:25-jdk AS build
# The web console is built by Maven with Node.js (junction-console); the node image brings it.
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
WORKDIR /src
COPY . .
RUN ./mvnw -B -Prelease -DskipTests -pl junction-dist -am package \
 && mkdir /release \
 && tar -xzf junction-dist/target/junction-*-linux-x64.tar.gz -C /release --strip-components=1

FROM debian:bookworm-slim
ARG VERSION=0.1.0-SNAPSHOT
LABEL org.opencontainers.image.title="Junction" \
      org.opencontainers.image.description="An open-source AI gateway: one governed front door between LLM clients and providers." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.documentation="docs/deploy.md" \
      org.opencontainers.image.vendor="Junction"
# A dedicated user with no login; /data (the SQLite store, the spool) is the only place the gateway writes besides
# TMPDIR, so the root file system can be mounted read-only (--read-only with a tmpfs on /tmp).
RUN groupadd --system --gid 10001 junction \
 && useradd --system --uid 10001 --gid junction --home-dir /data --no-create-home --shell /usr/sbin/nologin junction \
 && mkdir /data && chown junction:junction /data
COPY --from=build /release /opt/junction
ENV JUNCTION_DATA_DIR=/data \
    TMPDIR=/tmp \
    PATH=/opt/junction/bin:$PATH
VOLUME /data
WORKDIR /data
USER 10001:10001
EXPOSE 8080
# SIGTERM starts the drain: /ready turns 503, in-flight requests and streams get server.drain_timeout (30 s by
# default) to finish, then the process exits 0. Give `docker stop -t` more than that (35 s for the default).
STOPSIGNAL SIGTERM
# No curl in the image: bash's /dev/tcp asks /health on the gateway's port.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && head -c 12 <&3 | grep -q ' 200'"]
ENTRYPOINT ["/opt/junction/bin/junction"]
CMD ["serve", "--config", "/opt/junction/junction.yaml"]
