package vn.da06.jobs.generate;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Vietnamese full names (họ, tên đệm, tên) in Unicode NFC, drawn with rough real-life frequencies.
 */
final class VietnameseNames {
  private VietnameseNames() {}

  private static final String[] SURNAMES =
      nfc(
          "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lương", "Triệu", "Nông", "Lăng", "Vi", "Hà", "Mai",
          "Tô");
  private static final double[] SURNAME_WEIGHTS =
      Rng.cumulative(
          31, 11, 9.5, 7, 6, 3, 4, 4, 3, 2, 2, 1.5, 1.3, 1.3, 1, 0.5, 1, 1.2, 1, 1.5, 0.6, 0.6, 0.8,
          0.6, 0.4);
  private static final String[] MIDDLE_MALE =
      nfc(
          "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Xuân", "Ngọc", "Thế", "Anh",
          "Gia", "Tuấn", "Đình", "Trọng");
  private static final String[] MIDDLE_FEMALE =
      nfc(
          "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Bảo", "Phương", "Mai", "Hồng", "Khánh",
          "Diệu", "Thùy");
  private static final String[] GIVEN_MALE =
      nfc(
          "An", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Giang", "Hải", "Hiếu", "Hùng", "Huy",
          "Khang", "Khoa", "Long", "Lâm", "Mạnh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Sơn",
          "Tài", "Thắng", "Thành", "Tiến", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Hoàng", "Kiên",
          "Lộc", "Quyết");
  private static final String[] GIVEN_FEMALE =
      nfc(
          "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Huyền", "Lan",
          "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh",
          "Thảo", "Thu", "Thủy", "Trang", "Trâm", "Uyên", "Vân", "Yến", "Liên", "Thơm");

  static String fullName(SplittableRandom random, boolean male) {
    String surname = SURNAMES[Rng.pick(random, SURNAME_WEIGHTS)];
    String middle =
        (male ? MIDDLE_MALE : MIDDLE_FEMALE)
            [random.nextInt((male ? MIDDLE_MALE : MIDDLE_FEMALE).length)];
    String given =
        (male ? GIVEN_MALE : GIVEN_FEMALE)
            [random.nextInt((male ? GIVEN_MALE : GIVEN_FEMALE).length)];
    if (random.nextDouble() < 0.15) {
      // Four-part names (two middle names) are common.
      String second =
          (male ? MIDDLE_MALE : MIDDLE_FEMALE)
              [random.nextInt((male ? MIDDLE_MALE : MIDDLE_FEMALE).length)];
      if (!second.equals(middle)) {
        return surname + " " + middle + " " + second + " " + given;
      }
    }
    return surname + " " + middle + " " + given;
  }

  private static String[] nfc(String... names) {
    return Arrays.stream(names)
        .map(name -> Normalizer.normalize(name, Normalizer.Form.NFC))
        .toArray(String[]::new);
  }
}
