package vn.da06.orchestration.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The DejaVu fonts (every Vietnamese letter with its diacritics), shipped inside the Maven Central
 * artifact {@code net.sf.jasperreports:jasperreports-fonts}: the same files for the PDF text and
 * the chart images, so neither depends on the fonts of the machine.
 */
final class Fonts {
  static final String SERIF = "DejaVuSerif.ttf";
  static final String SERIF_BOLD = "DejaVuSerif-Bold.ttf";
  static final String SERIF_ITALIC = "DejaVuSerif-Italic.ttf";
  static final String SERIF_BOLD_ITALIC = "DejaVuSerif-BoldItalic.ttf";
  static final String SANS_CONDENSED = "DejaVuSansCondensed.ttf";
  static final String SANS_CONDENSED_BOLD = "DejaVuSansCondensed-Bold.ttf";
  static final String SANS = "DejaVuSans.ttf";

  private static final String FOLDER = "/net/sf/jasperreports/fonts/dejavu/";

  private Fonts() {}

  static InputStream open(String file) {
    InputStream stream = Fonts.class.getResourceAsStream(FOLDER + file);
    if (stream == null) {
      throw new IllegalStateException(
          "Cannot find the font "
              + FOLDER
              + file
              + " on the classpath (the"
              + " net.sf.jasperreports:jasperreports-fonts dependency is missing; rebuild with mvn install)");
    }
    return stream;
  }

  static Font awt(String file, float size) {
    return AWT.computeIfAbsent(file, Fonts::loadAwt).deriveFont(size);
  }

  /**
   * The parsed font, shared by every PDF this JVM writes (parsing ~700 KB per face per report is
   * most of a small report's time). FontBox reads glyphs lazily and is not thread-safe: callers
   * hold {@link #LOCK}.
   */
  static TrueTypeFont trueType(String file) {
    return TRUE_TYPE.computeIfAbsent(
        file,
        name -> {
          try (InputStream stream = open(name)) {
            return new TTFParser().parse(new RandomAccessReadBuffer(stream.readAllBytes()));
          } catch (IOException e) {
            throw new UncheckedIOException(
                "Cannot parse the font " + name + ": " + e.getMessage(), e);
          }
        });
  }

  /** Held while a PDF is drawn with the shared fonts. */
  static final Object LOCK = new Object();

  private static final Map<String, Font> AWT = new ConcurrentHashMap<>();
  private static final Map<String, TrueTypeFont> TRUE_TYPE = new ConcurrentHashMap<>();

  private static Font loadAwt(String file) {
    try (InputStream stream = open(file)) {
      return Font.createFont(Font.TRUETYPE_FONT, stream);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (FontFormatException e) {
      throw new IllegalStateException("Cannot load the font " + file + ": " + e.getMessage(), e);
    }
  }
}
