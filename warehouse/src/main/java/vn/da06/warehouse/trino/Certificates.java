package vn.da06.warehouse.trino;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The server's self-signed certificate, made with the JDK's keytool: a PKCS12 keystore (private
 * key, for the server only), the certificate in PEM and a PKCS12 truststore holding only the
 * certificate (for clients). The certificate names localhost and 127.0.0.1 so hostname verification
 * passes.
 */
final class Certificates {
  private Certificates() {}

  static void generate(
      Path keystore, String keystorePassword, Path pem, Path truststore, String truststorePassword)
      throws IOException {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Files.deleteIfExists(truststore);
    Files.deleteIfExists(pem);
    Path partial = keystore.resolveSibling(keystore.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    TrinoInstall.run(
        List.of(
            keytool,
            "-genkeypair",
            "-alias",
            "trino",
            "-keyalg",
            "RSA",
            "-keysize",
            "2048",
            "-validity",
            "3650",
            "-dname",
            "CN=localhost, OU=da06",
            "-ext",
            "SAN=dns:localhost,ip:127.0.0.1",
            "-keystore",
            partial.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            keystorePassword,
            "-keypass",
            keystorePassword),
        "Cannot generate the Trino certificate",
        "check that the JDK's keytool runs");
    TrinoInstall.run(
        List.of(
            keytool,
            "-exportcert",
            "-rfc",
            "-alias",
            "trino",
            "-keystore",
            partial.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            keystorePassword,
            "-file",
            pem.toString()),
        "Cannot export the Trino certificate",
        "check that the JDK's keytool runs");
    TrinoInstall.run(
        List.of(
            keytool,
            "-importcert",
            "-noprompt",
            "-alias",
            "trino",
            "-file",
            pem.toString(),
            "-keystore",
            truststore.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            truststorePassword),
        "Cannot write the Trino truststore",
        "check that the JDK's keytool runs");
    Files.move(partial, keystore);
  }
}
