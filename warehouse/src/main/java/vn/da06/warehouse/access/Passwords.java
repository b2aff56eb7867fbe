package vn.da06.warehouse.access;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * bcrypt password hashes ({@code $2y$}, cost 10), the format both the dashboard and Trino's file
 * password authenticator read.
 */
public final class Passwords {
  public static final int COST = 10;
  public static final int MIN_LENGTH = 8;

  /** bcrypt reads at most 72 bytes of a password. */
  public static final int MAX_BYTES = 72;

  private Passwords() {}

  public static String hash(char[] password) {
    byte[] bytes = utf8(password);
    try {
      if (password.length < MIN_LENGTH) {
        throw new IllegalArgumentException(
            "Cannot use this password: it has fewer than " + MIN_LENGTH + " characters");
      }
      if (bytes.length > MAX_BYTES) {
        throw new IllegalArgumentException(
            "Cannot use this password: it is longer than "
                + MAX_BYTES
                + " bytes, which bcrypt would cut");
      }
      return new String(
          BCrypt.with(BCrypt.Version.VERSION_2Y).hash(COST, bytes), StandardCharsets.US_ASCII);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  public static boolean verify(char[] password, String hash) {
    if (password == null || hash == null) {
      return false;
    }
    byte[] bytes = utf8(password);
    try {
      return bytes.length <= MAX_BYTES
          && BCrypt.verifyer().verify(bytes, hash.getBytes(StandardCharsets.US_ASCII)).verified;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  public static boolean isBcrypt(String hash) {
    return hash != null && hash.matches("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");
  }

  private static byte[] utf8(char[] password) {
    var buffer = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    if (buffer.hasArray()) {
      Arrays.fill(buffer.array(), (byte) 0);
    }
    return bytes;
  }
}
