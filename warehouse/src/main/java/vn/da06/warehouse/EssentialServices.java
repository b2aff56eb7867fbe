package vn.da06.warehouse;

import java.util.LinkedHashMap;
import java.util.Map;

/** The 25 essential online public services of Phụ lục 1, Đề án 06 ({@code ES01}…{@code ES25}). */
public final class EssentialServices {

  /** Service code → Vietnamese name, in code order. */
  public static final Map<String, String> NAMES = names();

  private EssentialServices() {}

  public static boolean isEssential(String serviceCode) {
    return NAMES.containsKey(serviceCode);
  }

  private static Map<String, String> names() {
    String[] names = {
      "Xác nhận số Chứng minh nhân dân khi đã được cấp thẻ Căn cước công dân",
      "Cấp lại, đổi thẻ Căn cước công dân",
      "Đăng ký thường trú",
      "Đăng ký tạm trú",
      "Khai báo tạm vắng",
      "Thông báo lưu trú",
      "Đăng ký, cấp biển số mô tô, xe gắn máy",
      "Thu tiền nộp phạt vi phạm hành chính giao thông đường bộ qua thiết bị ghi hình (phạt nguội)",
      "Đăng ký khai sinh",
      "Đăng ký khai tử",
      "Đăng ký kết hôn",
      "Cấp, cấp lại, sửa đổi, bổ sung hộ chiếu phổ thông",
      "Làm con dấu mới và cấp Giấy chứng nhận đã đăng ký mẫu dấu",
      "Làm con dấu thu nhỏ, dấu nổi, dấu xi và cấp Giấy chứng nhận đã đăng ký mẫu con dấu",
      "Liên thông đăng ký khai sinh – đăng ký thường trú – cấp thẻ BHYT cho trẻ dưới 6 tuổi",
      "Liên thông đăng ký khai tử – xóa đăng ký thường trú – trợ cấp mai táng phí",
      "Tích hợp tính giảm trừ mức đóng trong gia hạn thẻ BHYT theo hộ gia đình",
      "Đăng ký thuế lần đầu, thay đổi thông tin đăng ký thuế của hộ gia đình, cá nhân",
      "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do thay đổi thông tin người"
          + " được cấp Giấy chứng nhận",
      "Cấp đổi, cấp lại giấy phép lái xe",
      "Đăng ký dự thi tốt nghiệp THPT quốc gia và xét tuyển đại học, cao đẳng",
      "Cấp phiếu lý lịch tư pháp",
      "Giải quyết hưởng trợ cấp thất nghiệp",
      "Cấp điện mới từ lưới điện hạ áp (220/380V)",
      "Thay đổi chủ thể hợp đồng mua bán điện"
    };
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      map.put(String.format("ES%02d", i + 1), names[i]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
