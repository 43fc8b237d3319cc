package io.modelwatch.retraining.action;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal SMTP server for what GreenMail can't do: TLS with a given certificate (implicit or
 * STARTTLS), a server that quotes everything the client sent in its error replies (AUTH included),
 * and one that never answers. One connection at a time.
 */
final class FakeSmtpServer implements AutoCloseable {
    enum Behaviour {
        /** Accepts the login and the message. */
        ACCEPT,
        /** Rejects the login, quoting everything received (the AUTH lines decoded too). */
        ECHO_ON_AUTH,
        /** Accepts the login, then rejects the message quoting everything received. */
        ECHO_ON_DATA,
        /** Accepts the connection and says nothing. */
        SILENT
    }

    private final ServerSocket server;
    private final SSLContext tls;
    private final boolean implicitTls;
    private final Behaviour behaviour;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Thread thread;

    /** @param tls the server's certificate for implicit TLS or STARTTLS; null for plaintext only */
    FakeSmtpServer(Behaviour behaviour, SSLContext tls, boolean implicitTls) throws IOException {
        this.behaviour = behaviour;
        this.tls = tls;
        this.implicitTls = implicitTls;
        this.server = implicitTls
                ? tls.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress())
                : new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "fake smtp " + behaviour);
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The DATA of every message accepted. */
    List<String> messages() {
        return List.copyOf(messages);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                converse(socket);
            } catch (IOException e) {
                // The client gave up (a failed handshake, a timeout) or the server was closed: next one.
            }
        }
    }

    private void converse(Socket plain) throws IOException {
        if (behaviour == Behaviour.SILENT) {
            plain.getInputStream().read();
            return;
        }
        Socket socket = plain;
        boolean secure = implicitTls;
        List<String> received = new ArrayList<>();
        BufferedReader in = reader(socket);
        OutputStream out = socket.getOutputStream();
        reply(out, "220 localhost fake ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            received.add(line);
            String command = line.toUpperCase(Locale.ROOT);
            if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                reply(out, "250-localhost" + (tls != null && !secure ? "\r\n250-STARTTLS" : "")
                        + "\r\n250-AUTH LOGIN PLAIN\r\n250 OK");
            } else if (command.equals("STARTTLS") && tls != null && !secure) {
                reply(out, "220 go ahead");
                SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(socket,
                        socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                upgraded.setUseClientMode(false);
                upgraded.startHandshake();
                socket = upgraded;
                secure = true;
                in = reader(socket);
                out = socket.getOutputStream();
            } else if (command.startsWith("AUTH")) {
                authenticate(line, in, out, received);
                if (behaviour == Behaviour.ECHO_ON_AUTH) {
                    reply(out, "535 5.7.8 rejected: " + transcript(received));
                } else {
                    reply(out, "235 2.7.0 accepted");
                }
            } else if (command.startsWith("MAIL") || command.startsWith("RCPT") || command.startsWith("RSET")
                    || command.startsWith("NOOP")) {
                reply(out, "250 OK");
            } else if (command.equals("DATA")) {
                reply(out, "354 end with .");
                StringBuilder data = new StringBuilder();
                while ((line = in.readLine()) != null && !line.equals(".")) {
                    data.append(line).append('\n');
                    received.add(line);
                }
                if (behaviour == Behaviour.ECHO_ON_DATA) {
                    reply(out, "554 5.7.1 rejected: " + transcript(received));
                } else {
                    messages.add(data.toString());
                    reply(out, "250 queued");
                }
            } else if (command.equals("QUIT")) {
                reply(out, "221 bye");
                return;
            } else {
                reply(out, "502 unknown");
            }
        }
    }

    /** Reads the rest of an AUTH LOGIN or AUTH PLAIN exchange into {@code received}, decoded too. */
    private static void authenticate(String line, BufferedReader in, OutputStream out, List<String> received)
            throws IOException {
        String[] words = line.split(" ");
        List<String> encoded = new ArrayList<>();
        if (words.length > 2) {
            encoded.add(words[2]);
        } else if (words[1].equalsIgnoreCase("LOGIN")) {
            reply(out, "334 VXNlcm5hbWU6");
            encoded.add(in.readLine());
            reply(out, "334 UGFzc3dvcmQ6");
            encoded.add(in.readLine());
        } else {
            reply(out, "334 ");
            encoded.add(in.readLine());
        }
        for (String value : encoded) {
            received.add(value);
            received.add("decoded: " + new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8));
        }
    }

    /** Everything received, on one line as an SMTP reply must be. */
    private static String transcript(List<String> received) {
        return String.join(" | ", received).replace("\r", " ").replace("\n", " ");
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
