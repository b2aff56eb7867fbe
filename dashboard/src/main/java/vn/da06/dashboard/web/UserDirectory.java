package vn.da06.dashboard.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Tokens;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/**
 * The users file, read again when it changes on disk, so {@code ./da06 users add} (or removing a
 * user, which revokes their token) takes effect without a restart. The file's modification time is
 * looked at no more often than every {@code freshness} (default {@link #DEFAULT_FRESHNESS}), not on
 * every request. A file that cannot be read keeps the previous list.
 */
public final class UserDirectory {
  /**
   * Verified against when the user is unknown, so a wrong name takes as long as a wrong password.
   * Made at the first sign-in, not at start (a bcrypt hash is ~0.1 s of CPU).
   */
  private static final class Dummy {
    static final String HASH = Passwords.hash("not-a-real-password".toCharArray());
  }

  /** How stale the list may be: a change of the users file takes effect within this time. */
  public static final java.time.Duration DEFAULT_FRESHNESS = java.time.Duration.ofSeconds(1);

  /**
   * The users as loaded, and their token hashes (SHA-256, hex) to the user, for one lookup per
   * request.
   */
  private record Loaded(UsersFile users, java.util.Map<String, User> byTokenHash) {
    static Loaded of(UsersFile users) {
      java.util.Map<String, User> byHash = new java.util.HashMap<>();
      for (User user : users.users()) {
        if (user.tokenHash() != null) {
          byHash.putIfAbsent(user.tokenHash(), user);
        }
      }
      return new Loaded(users, byHash);
    }
  }

  private final Path file;
  private final long freshnessNanos;
  private volatile Loaded loaded;
  private volatile FileTime loadedAt;
  private volatile long checkedAt;

  public UserDirectory(Path file) {
    this(file, DEFAULT_FRESHNESS);
  }

  public UserDirectory(Path file, java.time.Duration freshness) {
    this.file = file;
    this.freshnessNanos = freshness.toNanos();
    this.loaded = Loaded.of(UsersFile.load(file));
    this.loadedAt = modified();
    this.checkedAt = System.nanoTime();
  }

  public Path file() {
    return file;
  }

  public Optional<User> user(String name) {
    return current().user(name);
  }

  /** Every user of the file, in its order. */
  public java.util.List<User> all() {
    return current().users();
  }

  public Optional<User> authenticate(String name, char[] password) {
    Optional<User> user = current().user(name);
    boolean ok = Passwords.verify(password, user.map(User::passwordHash).orElse(Dummy.HASH));
    return ok ? user : Optional.empty();
  }

  /**
   * The user whose token this is. Only the token's SHA-256 is looked up (a hash map of the file's
   * token hashes), and the stored hash found is then compared in constant time, as before.
   */
  public Optional<User> byToken(String token) {
    String hash = Tokens.hash(token);
    User user = fresh().byTokenHash().get(hash);
    if (user == null
        || !java.security.MessageDigest.isEqual(
            hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            user.tokenHash().getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    return Optional.of(user);
  }

  private UsersFile current() {
    return fresh().users();
  }

  private Loaded fresh() {
    long now = System.nanoTime();
    if (now - checkedAt < freshnessNanos) {
      return loaded;
    }
    checkedAt = now;
    FileTime modified = modified();
    if (modified != null && !modified.equals(loadedAt)) {
      synchronized (this) {
        if (!modified.equals(loadedAt)) {
          try {
            loaded = Loaded.of(UsersFile.load(file));
            loadedAt = modified;
          } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(UserDirectory.class)
                .warn(
                    "Cannot reload users file {}: {} (keeping the previous list)",
                    file,
                    e.getMessage());
          }
        }
      }
    }
    return loaded;
  }

  private FileTime modified() {
    try {
      return Files.exists(file) ? Files.getLastModifiedTime(file) : null;
    } catch (IOException e) {
      return null;
    }
  }
}
