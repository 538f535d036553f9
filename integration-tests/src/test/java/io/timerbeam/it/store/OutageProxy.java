package io.timerbeam.it.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a database that can go down on demand: {@link #outage} cuts every open
 * connection and closes the port, so new connections are refused, then listens again.
 */
public final class OutageProxy implements AutoCloseable {
  private final int targetPort;
  private final int port;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile ServerSocket listener;

  public OutageProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = listen(0);
    this.port = listener.getLocalPort();
    startAccepting(listener);
  }

  public int port() {
    return port;
  }

  /** Connections accepted so far (each pgjdbc connection attempt that got through). */
  public int acceptedConnections() {
    return accepted.get();
  }

  /** Drops every connection and refuses new ones for {@code millis}, then accepts again. */
  public void outage(long millis) throws IOException, InterruptedException {
    listener.close();
    for (Socket s : open) {
      s.close();
    }
    Thread.sleep(millis);
    listener = listen(port);
    startAccepting(listener);
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return socket;
  }

  private void startAccepting(ServerSocket server) {
    Thread acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Socket database = new Socket(InetAddress.getLoopbackAddress(), targetPort);
          accepted.incrementAndGet();
          open.add(client);
          open.add(database);
          pump(client, database);
          pump(database, client);
        } catch (IOException e) {
          // The listener was closed for an outage or for good.
        }
      }
    }, "outage-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void pump(Socket from, Socket to) {
    Thread pump = new Thread(() -> {
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // Either side went away; closing both ends tells the other side.
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "outage-proxy-pump");
    pump.setDaemon(true);
    pump.start();
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
