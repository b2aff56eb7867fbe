package vn.da06.warehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void bothToneMarkStylesGiveTheSameKey() {
    assertThat(Names.matchKey("Tỉnh Hoà Bình")).isEqualTo(Names.matchKey("Tỉnh Hòa Bình"));
    assertThat(Names.matchKey("Phường Thuỷ Châu")).isEqualTo(Names.matchKey("Phường Thủy Châu"));
    assertThat(Names.matchKey("Xã Khoẻ")).isEqualTo(Names.matchKey("Xã Khỏe"));
    assertThat(Names.matchKey("Xã Hòa Bình")).isNotEqualTo(Names.matchKey("Xã Hà Bình"));
  }

  @Test
  void caseSpacesNfdAndZeroPaddingDoNotMatter() {
    String nfd = Normalizer.normalize("Thị Trấn  Phong Điền", Normalizer.Form.NFD);
    assertThat(Names.matchKey(nfd)).isEqualTo("thị trấn phong điền");
    assertThat(Names.matchKey("Phường 01")).isEqualTo(Names.matchKey("Phường 1"));
    assertThat(Names.matchKey("Phường 10")).isEqualTo("phường 10");
    assertThat(Names.matchKey("Xã Đông Quí")).isEqualTo(Names.matchKey("Xã Đông Quý"));
    assertThat(Names.matchKey("Thị trấn NT Mộc Châu"))
        .isEqualTo(Names.matchKey("Thị trấn Nông trường Mộc Châu"));
  }

  @Test
  void bareKeyDropsTheTypePrefix() {
    assertThat(Names.bareKey("Thị xã Mộc Châu"))
        .isEqualTo(Names.bareKey("Huyện Mộc Châu"))
        .isEqualTo("mộc châu");
    assertThat(Names.bareKey("Xã Tân An")).isEqualTo(Names.bareKey("Phường Tân An"));
    assertThat(Names.bareKey("Đặc khu Côn Đảo")).isEqualTo("côn đảo");
  }

  @Test
  void cleanWritesTheApostropheAsGsoDoes() {
    assertThat(Names.clean("Xã Ea H’Leo")).isEqualTo("Xã Ea H'Leo");
    assertThat(Names.clean(" Xã  Pa Ủ ")).isEqualTo("Xã Pa Ủ");
  }

  @Test
  void wardTypeIsReadFromTheNamePrefix() {
    assertThat(Names.wardTypeOf("Đặc khu Lý Sơn")).isEqualTo("Đặc khu");
    assertThat(Names.wardTypeOf("Thị trấn Chũ")).isEqualTo("Thị trấn");
    assertThat(Names.wardTypeOf("Phường 12")).isEqualTo("Phường");
    assertThat(Names.wardTypeOf("Xãx")).isNull();
  }
}
