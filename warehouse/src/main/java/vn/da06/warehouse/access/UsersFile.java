package vn.da06.warehouse.access;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users file ({@code config/users.yaml} by default), managed by {@code ./da06 users}:
 *
 * <pre>
 * users:
 *   - name: chutich.bacson
 *     unit: "06325"            # province (2 digits), pre-reform district (3) or ward (5)
 *     role: viewer             # viewer | analyst | admin
 *     password_hash: "$2y$10$..."   # bcrypt, also valid in Trino's password file
 *     token_hash: "sha256:..."      # optional: SHA-256 of the personal API token
 * </pre>
 *
 * A missing file is an empty list of users. Writes replace the file atomically and keep it readable
 * by its owner only.
 */
public final class UsersFile {
  private static final ObjectMapper YAML =
      new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private final List<User> users;

  public UsersFile(List<User> users) {
    requireNonNull(users, "users is null");
    Map<String, User> byName = new LinkedHashMap<>();
    for (User user : users) {
      if (byName.put(user.name(), user) != null) {
        throw new IllegalArgumentException(
            "Cannot read users: user '" + user.name() + "' is listed twice");
      }
    }
    this.users = List.copyOf(users);
  }

  public List<User> users() {
    return users;
  }

  public Optional<User> user(String name) {
    return users.stream().filter(user -> user.name().equals(name)).findFirst();
  }

  /** This list with {@code user} added, or replacing the user of the same name. */
  public UsersFile with(User user) {
    List<User> list = new ArrayList<>();
    boolean replaced = false;
    for (User existing : users) {
      if (existing.name().equals(user.name())) {
        list.add(user);
        replaced = true;
      } else {
        list.add(existing);
      }
    }
    if (!replaced) {
      list.add(user);
    }
    return new UsersFile(list);
  }

  public static UsersFile load(Path file) {
    if (!Files.exists(file)) {
      return new UsersFile(List.of());
    }
    try {
      Document document = YAML.readValue(file.toFile(), Document.class);
      List<User> list = new ArrayList<>();
      if (document != null && document.users != null) {
        for (Entry entry : document.users) {
          list.add(
              new User(
                  entry.name,
                  entry.unit,
                  Role.parse(entry.role),
                  entry.passwordHash,
                  entry.tokenHash));
        }
      }
      return new UsersFile(list);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Cannot read users file "
              + file
              + ": "
              + e.getOriginalMessage()
              + " (see docs/dashboard.md for its format)",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read users file " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "Cannot read users file " + file + ": " + e.getMessage(), e);
    }
  }

  public void save(Path file) {
    Document document = new Document();
    document.users = new ArrayList<>();
    for (User user : users) {
      Entry entry = new Entry();
      entry.name = user.name();
      entry.unit = user.unit();
      entry.role = user.role().id();
      entry.passwordHash = user.passwordHash();
      entry.tokenHash = user.tokenHash();
      document.users.add(entry);
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temporary = Files.createTempFile(parent, ".users", ".yaml.tmp");
      try {
        try {
          Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
          // not a POSIX file system: the directory's permissions apply
        }
        Files.writeString(
            temporary,
            "# Managed by ./da06 users (docs/dashboard.md). Hashes only, never passwords.\n"
                + YAML.writeValueAsString(document));
        try {
          Files.move(
              temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write users file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The lines of a Trino password file ({@code user:bcrypt}) for these users. */
  public String trinoPasswordFile() {
    StringBuilder out = new StringBuilder();
    for (User user : users) {
      out.append(user.name()).append(':').append(user.passwordHash()).append('\n');
    }
    return out.toString();
  }

  static final class Document {
    @JsonProperty("users")
    public List<Entry> users;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  static final class Entry {
    @JsonProperty("name")
    public String name;

    @JsonProperty("unit")
    public String unit;

    @JsonProperty("role")
    public String role;

    @JsonProperty("password_hash")
    public String passwordHash;

    @JsonProperty("token_hash")
    public String tokenHash;
  }
}
