package vn.da06.jobs.ingest;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash (HMAC-SHA-256) of personal identifiers. The same citizen_id always gives the same key,
 * so records can still be joined and counted as distinct, but the raw value cannot be recovered
 * without the secret. Serializable so Spark tasks can hash as they read; the {@link Mac} is rebuilt
 * per task.
 */
public final class Pseudonymizer implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String KEY_ENV = "DA06_PSEUDONYM_KEY";
  public static final String KEY_FILE_ENV = "DA06_PSEUDONYM_KEY_FILE";

  private final byte[] secret;
  private transient Mac mac;

  public Pseudonymizer(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException(
          "Cannot pseudonymise: the key has "
              + secret.length
              + " bytes, at least 16 are needed (set "
              + KEY_ENV
              + " to a longer secret)");
    }
    this.secret = secret.clone();
  }

  /**
   * The key from {@code DA06_PSEUDONYM_KEY}, else from the key file ({@code
   * DA06_PSEUDONYM_KEY_FILE}, default {@code ~/.da06/pseudonym.key}), created on first use with
   * owner-only permissions.
   */
  public static Pseudonymizer fromEnvironment() {
    String key = System.getenv(KEY_ENV);
    if (key != null && !key.isBlank()) {
      return new Pseudonymizer(key.getBytes(StandardCharsets.UTF_8));
    }
    String file = System.getenv(KEY_FILE_ENV);
    Path path =
        file != null && !file.isBlank()
            ? Path.of(file)
            : Path.of(System.getProperty("user.home"), ".da06", "pseudonym.key");
    return fromKeyFile(path);
  }

  public static Pseudonymizer fromKeyFile(Path path) {
    try {
      if (!Files.exists(path)) {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        Path temp =
            Files.createTempFile(
                dir,
                ".pseudonym",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, HexFormat.of().formatHex(fresh));
        try {
          Files.move(temp, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
          Files.deleteIfExists(temp);
        }
      }
      String text = Files.readString(path).trim();
      return new Pseudonymizer(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot read the pseudonymisation key "
              + path
              + ": "
              + e.getMessage()
              + " (set "
              + KEY_ENV
              + " or make the file readable by this user)",
          e);
    }
  }

  /** The pseudonym of a value; null for null or empty input. */
  public String pseudonym(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      if (mac == null) {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      }
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
