package cloud.swas.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An HTTP/1.1 client on one connection that it keeps as long as the server does, as an SDK's connection pool
 * does: a new connection only when the server answered {@code Connection: close} or the connection failed. A test
 * needs to know what a library client hides: whether a request was written before the connection failed, and
 * whether it went over a reused connection. Enough HTTP for this service's answers, nothing more.
 */
public final class KeepAliveClient implements AutoCloseable {

    /** What became of one request. */
    public sealed interface Outcome permits Answered, Refused, Unanswered {
    }

    /** A complete response; {@code reused}: sent over a connection that had carried an earlier request. */
    public record Answered(int status, Map<String, String> headers, boolean reused) implements Outcome {
        public boolean closes() {
            return "close".equalsIgnoreCase(headers.getOrDefault("connection", ""));
        }
    }

    /** No connection: the request was never sent. */
    public record Refused(IOException cause) implements Outcome {
    }

    /** The request was written (wholly or in part) but no complete response came back. */
    public record Unanswered(IOException cause, boolean reused) implements Outcome {
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean used;

    public KeepAliveClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** POSTs {@code form} (form-encoded) to {@code /}. */
    public Outcome post(Map<String, String> form) {
        byte[] body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.US_ASCII);
        byte[] head = ("POST / HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        if (socket == null) {
            try {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(host, port), 5_000);
                s.setSoTimeout(30_000);
                s.setTcpNoDelay(true);
                socket = s;
                in = new BufferedInputStream(s.getInputStream());
                out = s.getOutputStream();
                used = false;
            } catch (IOException e) {
                close();
                return new Refused(e);
            }
        }
        boolean reused = used;
        used = true;
        try {
            out.write(head);
            out.write(body);
            out.flush();
            Answered answer = read(reused);
            if (answer.closes()) {
                close();
            }
            return answer;
        } catch (IOException e) {
            close();
            return new Unanswered(e, reused);
        }
    }

    private Answered read(boolean reused) throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        if (headers.containsKey("content-length")) {
            skip(Long.parseLong(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                    size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                skip(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else {
            throw new IOException("A response without a length: " + headers);
        }
        return new Answered(status, headers, reused);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("Connection closed within a response (or before one)");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private void skip(long bytes) throws IOException {
        for (long left = bytes; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("Connection closed within a response body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection that already failed
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
