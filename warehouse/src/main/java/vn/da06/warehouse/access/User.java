package vn.da06.warehouse.access;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One person who may log in: to the dashboard with a password or a personal API token, and to Trino
 * with the same password (the hash is bcrypt {@code $2y$}, which Trino's password file accepts).
 *
 * @param name login name: lower-case letters, digits, '.', '_' or '-'
 * @param unit the unit whose data the user sees: a province (2 digits), a pre-reform district (3
 *     digits) or a ward (5 digits)
 * @param role what the user may do
 * @param passwordHash bcrypt hash of the password
 * @param tokenHash {@code sha256:<hex>} of the personal API token, or null when none was issued;
 *     the token itself is shown once and never stored
 */
public record User(String name, String unit, Role role, String passwordHash, String tokenHash) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
  private static final Pattern UNIT = Pattern.compile("\\d{2}|\\d{3}|\\d{5}");

  public User {
    requireNonNull(name, "name is null");
    requireNonNull(unit, "unit is null");
    requireNonNull(role, "role is null");
    requireNonNull(passwordHash, "passwordHash is null");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Cannot use user name '"
              + name
              + "': use 2-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (!UNIT.matcher(unit).matches()) {
      throw new IllegalArgumentException(
          "Cannot give user "
              + name
              + " unit '"
              + unit
              + "': a unit is a province (2 digits), a pre-reform district (3 digits) or a ward (5 digits)");
    }
    if (!Passwords.isBcrypt(passwordHash)) {
      throw new IllegalArgumentException(
          "Cannot read user " + name + ": password_hash is not a bcrypt hash");
    }
    if (tokenHash != null && !Tokens.isTokenHash(tokenHash)) {
      throw new IllegalArgumentException(
          "Cannot read user " + name + ": token_hash is not sha256:<64 hex>");
    }
  }

  public UnitLevel unitLevel() {
    return UnitLevel.of(unit);
  }

  public Optional<String> token() {
    return Optional.ofNullable(tokenHash);
  }

  public User withPassword(String newPasswordHash) {
    return new User(name, unit, role, newPasswordHash, tokenHash);
  }

  public User withTokenHash(String newTokenHash) {
    return new User(name, unit, role, passwordHash, newTokenHash);
  }
}
