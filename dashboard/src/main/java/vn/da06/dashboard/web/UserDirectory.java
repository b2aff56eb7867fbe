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
 * The users file, read again when it changes on disk, so {@code ./da06 users add} takes effect without a
 * restart. A file that cannot be read keeps the previous list.
 */
public final class UserDirectory {
  /** Verified against when the user is unknown, so a wrong name takes as long as a wrong password. */
  private static final String DUMMY_HASH = Passwords.hash("not-a-real-password".toCharArray());

  private final Path file;
  private volatile UsersFile users;
  private volatile FileTime loadedAt;

  public UserDirectory(Path file) {
    this.file = file;
    this.users = UsersFile.load(file);
    this.loadedAt = modified();
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
    boolean ok = Passwords.verify(password, user.map(User::passwordHash).orElse(DUMMY_HASH));
    return ok ? user : Optional.empty();
  }

  public Optional<User> byToken(String token) {
    String hash = Tokens.hash(token);
    return current().users().stream().filter(user -> hash.equals(user.tokenHash())).findFirst();
  }

  private UsersFile current() {
    FileTime modified = modified();
    if (modified != null && !modified.equals(loadedAt)) {
      synchronized (this) {
        try {
          users = UsersFile.load(file);
          loadedAt = modified;
        } catch (RuntimeException e) {
          org.slf4j.LoggerFactory.getLogger(UserDirectory.class)
              .warn("Cannot reload users file {}: {} (keeping the previous list)", file, e.getMessage());
        }
      }
    }
    return users;
  }

  private FileTime modified() {
    try {
      return Files.exists(file) ? Files.getLastModifiedTime(file) : null;
    } catch (IOException e) {
      return null;
    }
  }
}
