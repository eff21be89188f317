package dev.junction.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Debian's nginx as the load balancer in front of replicas: round robin, no response buffering (streams pass as they
 * come), and a request whose replica refuses the connection goes to the next one ({@code proxy_next_upstream error},
 * which nginx applies to a POST only while nothing was sent). Test helper; {@link #close} stops it.
 */
final class Nginx implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether Debian's nginx is installed here. */
    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts nginx in {@code home} balancing the given local ports; waits until it listens. */
    static Nginx start(Path home, List<Integer> backends) {
        int port = ChildGateway.freePort();
        String servers = backends.stream().map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=3s;")
                .collect(Collectors.joining("\n"));
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        String conf = user + """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  upstream junction {
                %2$s
                    keepalive 32;
                  }
                  server {
                    listen 127.0.0.1:%3$d;
                    location / {
                      proxy_pass http://junction;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_buffering off;
                      proxy_read_timeout 60s;
                      proxy_next_upstream error timeout;
                    }
                  }
                }
                """.formatted(home, servers, port);
        try {
            Files.createDirectories(home);
            Path file = home.resolve("nginx.conf");
            Files.writeString(file, conf);
            Process process = new ProcessBuilder(BINARY.toString(), "-p", home.toString(), "-c", file.toString(),
                    "-e", home.resolve("error.log").toString()).redirectErrorStream(true)
                    .redirectOutput(home.resolve("out.log").toFile()).start();
            Nginx nginx = new Nginx(process, port);
            nginx.awaitListening();
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    private void awaitListening() {
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited with " + process.exitValue());
            }
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                ChildGateway.sleep(100);
            }
        }
        throw new AssertionError("nginx did not listen on " + port);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
