package vn.da06.warehouse.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {
  @TempDir Path dir;

  @Test
  void savesAndReadsUsersWithBcryptHashesTrinoAccepts() throws Exception {
    Path file = dir.resolve("config/users.yaml");
    String hash = Passwords.hash("mật-khẩu-dài".toCharArray());
    String token = Tokens.newToken();
    new UsersFile(
            List.of(
                new User("chutich.bacson", "06325", Role.VIEWER, hash, Tokens.hash(token)),
                new User("tinh.langson", "20", Role.ADMIN, hash, null)))
        .save(file);

    String text = Files.readString(file);
    assertThat(text)
        .contains(
            "name: chutich.bacson",
            "unit: \"06325\"",
            "role: viewer",
            "password_hash:",
            "token_hash: sha256:")
        .doesNotContain("mật-khẩu", token);
    assertThat(hash).startsWith("$2y$10$"); // the bcrypt variant Trino's password file reads

    UsersFile read = UsersFile.load(file);
    assertThat(read.users()).hasSize(2);
    User viewer = read.user("chutich.bacson").orElseThrow();
    assertThat(viewer.unit()).isEqualTo("06325");
    assertThat(viewer.unitLevel()).isEqualTo(UnitLevel.WARD);
    assertThat(Passwords.verify("mật-khẩu-dài".toCharArray(), viewer.passwordHash())).isTrue();
    assertThat(Passwords.verify("sai".toCharArray(), viewer.passwordHash())).isFalse();
    assertThat(viewer.tokenHash()).isEqualTo(Tokens.hash(token));
    assertThat(read.user("tinh.langson").orElseThrow().unitLevel()).isEqualTo(UnitLevel.PROVINCE);
    assertThat(read.trinoPasswordFile()).startsWith("chutich.bacson:$2y$10$");
  }

  @Test
  void aMissingFileHasNoUsers() {
    assertThat(UsersFile.load(dir.resolve("none.yaml")).users()).isEmpty();
  }

  @Test
  void refusesAUnitThatIsNoProvinceDistrictOrWard() {
    String hash = Passwords.hash("12345678".toCharArray());
    assertThatThrownBy(() -> new User("a.b", "0632", Role.VIEWER, hash, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot give user a.b unit '0632': a unit is a province (2 digits), a pre-reform district"
                + " (3 digits) or a ward (5 digits)");
  }

  @Test
  void refusesAShortPasswordAndAnUnknownRole() {
    assertThatThrownBy(() -> Passwords.hash("short".toCharArray()))
        .hasMessage("Cannot use this password: it has fewer than 8 characters");
    assertThatThrownBy(() -> Role.parse("chairman"))
        .hasMessage("Cannot use role 'chairman': it is not one of viewer, analyst, admin");
  }

  @Test
  void replacingAUserKeepsOthersAndRefusesDuplicates() {
    String hash = Passwords.hash("12345678".toCharArray());
    UsersFile file =
        new UsersFile(List.of(new User("a.b", "20", Role.VIEWER, hash, null)))
            .with(new User("a.b", "201", Role.ANALYST, hash, null))
            .with(new User("c.d", "06325", Role.VIEWER, hash, null));
    assertThat(file.users())
        .extracting(User::name, User::unit)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a.b", "201"),
            org.assertj.core.groups.Tuple.tuple("c.d", "06325"));
    User same = file.users().get(0);
    assertThatThrownBy(() -> new UsersFile(List.of(same, same)))
        .hasMessage("Cannot read users: user 'a.b' is listed twice");
  }
}
