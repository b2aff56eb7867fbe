package vn.da06.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.Tokens;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/**
 * Tokens are looked up by their hash, and a users-file change still revokes them (within the
 * freshness).
 */
class UserDirectoryTest {
  @TempDir Path dir;

  @Test
  void aTokenFindsItsUserAndAWrongOneNobody() {
    String token = Tokens.newToken();
    Path file = dir.resolve("users.yaml");
    new UsersFile(List.of(user("an", Tokens.hash(token)), user("bo", null))).save(file);
    UserDirectory users = new UserDirectory(file);
    assertThat(users.byToken(token)).map(User::name).contains("an");
    assertThat(users.byToken(token + "x")).isEmpty();
    assertThat(users.byToken(Tokens.newToken())).isEmpty();
  }

  @Test
  void removingAUserRevokesTheirTokenWithinTheFreshness() throws Exception {
    String token = Tokens.newToken();
    Path file = dir.resolve("users.yaml");
    new UsersFile(List.of(user("an", Tokens.hash(token)))).save(file);
    UserDirectory users = new UserDirectory(file, Duration.ofMillis(200));
    assertThat(users.byToken(token)).isPresent();

    new UsersFile(List.of(user("bo", Tokens.hash(Tokens.newToken())))).save(file);
    Files.setLastModifiedTime(
        file, FileTime.from(Instant.now().plusSeconds(5))); // not the same mtime tick
    Thread.sleep(250);
    assertThat(users.byToken(token)).isEmpty();
    assertThat(users.user("an")).isEmpty();
  }

  private static final String PASSWORD_HASH =
      vn.da06.warehouse.access.Passwords.hash("not-used-here".toCharArray());

  private static User user(String name, String tokenHash) {
    return new User(name, "20", Role.ANALYST, PASSWORD_HASH, tokenHash);
  }
}
