package vn.da06.dashboard.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where to go after signing in ({@code next}): only a page of this app on this origin, judged after
 * normalisation (OWASP ASVS 5.1.5). Anything else, including what a browser could read as another
 * origin once it strips tabs and line breaks or turns backslashes into slashes, becomes {@code /}.
 */
final class NextPath {
  static final int MAX_LENGTH = 2_000;

  private NextPath() {}

  /** {@code next} if it is a path of this app, else {@code /}. */
  static String safe(String next) {
    return isSafe(next) ? next : "/";
  }

  static boolean isSafe(String next) {
    if (next == null || next.isEmpty() || next.length() > MAX_LENGTH) {
      return false;
    }
    // The text as given and as decoded (twice, for double encoding) must look like a plain path.
    String text = next;
    for (int round = 0; round < 3; round++) {
      if (!plainPath(text)) {
        return false;
      }
      String decoded;
      try {
        decoded = URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return false; // a broken %-escape
      }
      if (decoded.equals(text)) {
        break;
      }
      text = decoded;
    }
    URI uri;
    try {
      uri = new URI(next);
    } catch (URISyntaxException e) {
      return false;
    }
    if (uri.isAbsolute() || uri.getRawAuthority() != null || uri.getRawFragment() != null) {
      return false;
    }
    String path = uri.getRawPath();
    if (path == null || !uri.normalize().getRawPath().equals(path)) {
      return false; // "." or ".." segments
    }
    return path.equals("/")
        || path.equals("/admin")
        || (path.startsWith("/units/") && path.length() > "/units/".length());
  }

  /**
   * Starts with one slash, and holds only printable ASCII without a backslash: no tab, CR, LF or
   * other control character, no {@code //} or {@code /\} that a browser reads as another host.
   */
  private static boolean plainPath(String text) {
    if (!text.startsWith("/") || text.startsWith("//")) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '\\') {
        return false;
      }
    }
    return !text.contains("//");
  }
}
