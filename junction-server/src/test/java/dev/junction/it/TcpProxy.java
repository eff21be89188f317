package dev.junction.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder in front of a real server, which a test can {@link #cut} (every connection dropped, new ones
 * refused: the server is "down") and {@link #restore}. Test helper; close it after use.
 */
final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = listen(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    int port() {
        return port;
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress("127.0.0.1", port));
        return s;
    }

    private void accept(ServerSocket s) {
        Thread.ofPlatform().daemon().name("tcp-proxy-accept").start(() -> {
            while (!s.isClosed()) {
                try {
                    Socket client = s.accept();
                    Socket target = new Socket("127.0.0.1", targetPort);
                    open.add(client);
                    open.add(target);
                    pump(client, target);
                    pump(target, client);
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        Thread.ofPlatform().daemon().name("tcp-proxy-pump").start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    /** Drops every connection and refuses new ones. */
    void cut() {
        closeQuietly(server);
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    void restore() throws IOException {
        server = listen(port);
        accept(server);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
    }
}
