package io.refinery.testing.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of a real server (the tests' PostgreSQL), so a test can take that server away from
 * the application and give it back without touching the server itself: {@link #cut()} closes every open connection
 * and stops listening (new connections are refused, as from a server that is down), {@link #restore()} listens on
 * the same port again. Blocking sockets, two daemon threads per connection.
 */
public final class TcpFaultProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private int port;

    private TcpFaultProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** A proxy on a free loopback port, forwarding to {@code targetHost:targetPort}. */
    public static TcpFaultProxy start(String targetHost, int targetPort) {
        TcpFaultProxy proxy = new TcpFaultProxy(targetHost, targetPort);
        proxy.listen();
        return proxy;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public boolean isCut() {
        return server == null;
    }

    /** The outage: every connection through the proxy is closed and new ones are refused until {@link #restore()}. */
    public synchronized void cut() {
        ServerSocket s = server;
        server = null;
        closeQuietly(s);
        open.forEach(TcpFaultProxy::closeQuietly);
        open.clear();
    }

    /** Ends the outage: the proxy listens on its port again. */
    public synchronized void restore() {
        if (server == null) {
            listen();
        }
    }

    @Override
    public void close() {
        cut();
    }

    private synchronized void listen() {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            port = s.getLocalPort();
            server = s;
            Thread acceptor = new Thread(() -> accept(s), "fault-proxy-accept-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new IllegalStateException("fault proxy cannot listen on 127.0.0.1:" + port, e);
        }
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return;
            }
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                if (server != s) {
                    closeQuietly(client);
                    closeQuietly(upstream);
                    return;
                }
                open.add(client);
                open.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed, or the proxy cut the connection
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "fault-proxy-pipe-" + port);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
