package org.fanout.lab;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The bytes of the lab's HTTP replies: status line, headers and the short text bodies. */
final class LabReplies {
    private LabReplies() {}

    /** The status line and headers, ending with the blank line; contentLength -1 = none. */
    static byte[] head(int status, List<String> extra, long contentLength, boolean keepAlive, String requestVersion) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        sb.append("Server: FanoutLab/1.0\r\n");
        for (String h : extra) {
            sb.append(h).append("\r\n");
        }
        if (contentLength >= 0) {
            sb.append("Content-Type: text/plain; charset=utf-8\r\n");
            sb.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        if (!keepAlive) {
            sb.append("Connection: close\r\n");
        } else if (requestVersion.equals("HTTP/1.0")) {
            sb.append("Connection: keep-alive\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] bodyFor(int status) {
        return (status + " " + reason(status) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 418 -> "I'm a teapot";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default ->
                status < 300
                        ? "Success"
                        : status < 400 ? "Redirection" : status < 500 ? "Client Error" : "Server Error";
        };
    }
}
