package vn.da06.dashboard.web;

import java.util.HashMap;
import java.util.Map;

/** Every text on the pages, in Vietnamese and English. */
final class Messages {
  private static final Map<String, String[]> TEXTS = new HashMap<>();

  static {
    add("app.title", "Bảng điều hành Đề án 06", "Đề án 06 steering dashboard");
    add("nav.overview", "Tổng quan", "Overview");
    add("nav.ranking", "Xếp hạng", "Ranking");
    add("nav.targets", "Chỉ tiêu", "Targets");
    add("nav.quality", "Chất lượng dữ liệu", "Data quality");
    add("nav.services", "Dịch vụ công", "Public services");
    add("nav.daily", "Báo cáo ngày", "Daily reports");
    add("version", "dữ liệu phiên bản %s, cập nhật %s", "data version %s, updated %s");
    add("login.title", "Đăng nhập", "Sign in");
    add("login.name", "Tên đăng nhập", "User name");
    add("login.password", "Mật khẩu", "Password");
    add("login.submit", "Đăng nhập", "Sign in");
    add("login.failed", "Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password.");
    add(
        "login.throttled",
        "Quá nhiều lần đăng nhập sai. Hãy thử lại sau ít phút.",
        "Too many failed sign-ins. Try again in a few minutes.");
    add("logout", "Đăng xuất", "Sign out");
    add(
        "era.reused",
        "Mã %s trước 01/07/2025 là mã của %s (xã/phường cũ).",
        "Before 1 July 2025 code %s was %s (a former ward).");
    add("era.open.pre", "Xem xã/phường cũ", "Open the former ward");
    add(
        "era.pre",
        "%s: xã/phường trước 01/07/2025 (mã %s).",
        "%s: a ward before 1 July 2025 (code %s).");
    add("era.merged", "Nay thuộc:", "Now part of:");
    add(
        "role.analyst.only",
        "Chi tiết từng báo cáo chỉ dành cho vai trò phân tích (analyst) trở lên.",
        "The report-by-report detail is for the analyst role and above.");
    add("nav.admin", "Quản trị", "Administration");
    add("admin.users", "Người dùng", "Users");
    add("admin.audit", "Nhật ký truy cập gần đây", "Recent audit log");
    add("admin.role", "Vai trò", "Role");
    add("admin.token", "Mã API", "API token");
    add("admin.token.yes", "đã cấp", "issued");
    add("admin.token.no", "chưa cấp", "none");
    add("admin.time", "Thời điểm", "Time");
    add("admin.event", "Sự kiện", "Event");
    add("admin.detail", "Chi tiết", "Detail");
    add("month", "Tháng", "Month");
    add("metric", "Chỉ số", "Metric");
    add("wards", "Danh sách xã", "Wards");
    add("wards.reported", "Như đã báo cáo", "As reported");
    add("wards.current", "Xã/phường hiện nay", "Today's wards");
    add("show", "Xem", "Show");
    add("export", "Tải về", "Download");
    add("unit", "Đơn vị", "Unit");
    add("ward", "Xã/phường", "Ward");
    add("ward.code", "Mã", "Code");
    add("district", "Huyện (trước 7/2025)", "District (before 7/2025)");
    add("level.PROVINCE", "Tỉnh", "Province");
    add("level.DISTRICT", "Huyện", "District");
    add("level.WARD", "Xã/phường", "Ward");
    add("rank", "Hạng", "Rank");
    add("value", "Giá trị", "Value");
    add("numerator", "Tử số", "Numerator");
    add("denominator", "Mẫu số", "Denominator");
    add("change", "so với tháng trước", "vs previous month");
    add("trend", "Xu hướng", "Trend");
    add("online.goal", "Tỷ lệ hồ sơ trực tuyến so với mục tiêu", "Online share against its goal");
    add("online.met", "Đạt", "Met");
    add("online.notmet", "Chưa đạt", "Not met");
    add("target.ontrack", "Đúng tiến độ", "On track");
    add("target.atrisk", "Có nguy cơ không đạt", "At risk");
    add("target.none", "Không có chỉ tiêu", "No target");
    add("target.target", "Chỉ tiêu", "Target");
    add("target.actual", "Thực hiện", "Actual");
    add("target.attainment", "Tỷ lệ đạt", "Attainment");
    add("target.pace", "Cần mỗi ngày", "Daily pace needed");
    add("target.projected", "Dự kiến khi hết hạn", "Projected at deadline");
    add("target.deadline", "Hạn", "Deadline");
    add("target.daysleft", "Còn (ngày)", "Days left");
    add("target.campaign", "Chiến dịch", "Campaign");
    add("target.status", "Tình trạng", "Status");
    add("subunits", "Đơn vị trực thuộc", "Units below");
    add("districts", "Huyện (trước 7/2025)", "Districts (before 7/2025)");
    add("heatmap", "Bản đồ nhiệt xã × tháng", "Ward × month heatmap");
    add("league", "Bảng xếp hạng", "League table");
    add("allmetrics", "Mọi chỉ số theo tháng", "Every metric by month");
    add(
        "quality.worst",
        "Xã/phường theo tỷ lệ đúng, đủ, sạch, sống (kém nhất trước)",
        "Wards by clean rate (worst first)");
    add(
        "quality.month",
        "Số liệu của lần rà soát dân cư gần nhất: tháng %s",
        "Figures of the latest population snapshot: %s");
    add(
        "quality.none",
        "Chưa có lần rà soát dân cư nào đến tháng này.",
        "No population snapshot up to this month.");
    add("services.essential", "25 dịch vụ công thiết yếu", "The 25 essential services");
    add("services.byward", "Dịch vụ thiết yếu theo xã/phường", "Essential services by ward");
    add("service", "Dịch vụ", "Service");
    add("service.total", "Hồ sơ", "Dossiers");
    add("service.online", "Trực tuyến", "Online");
    add("service.share", "Tỷ lệ trực tuyến", "Online share");
    add("service.resolved", "Đã giải quyết", "Resolved");
    add("service.ontime", "Đúng hạn", "On time");
    add("daily.byward", "Báo cáo ngày theo xã/phường", "Daily reports by ward");
    add(
        "daily.problems",
        "Báo cáo muộn, thiếu hoặc lệch số liệu",
        "Late, missing or differing reports");
    add("daily.ontime", "Trước 17:00", "Before 17:00");
    add("daily.late", "Muộn", "Late");
    add("daily.missing", "Thiếu", "Missing");
    add("daily.date", "Ngày", "Date");
    add("daily.submitted", "Gửi lúc", "Sent at");
    add("daily.status", "Tình trạng", "Status");
    add("daily.reported.apps", "Báo cáo: hồ sơ mức 2", "Reported: L2 applications");
    add("daily.system.apps", "Hệ thống: hồ sơ mức 2", "System: L2 applications");
    add("daily.diff.apps", "Chênh lệch hồ sơ", "Difference, applications");
    add("daily.reported.acts", "Báo cáo: kích hoạt mức 2", "Reported: L2 activations");
    add("daily.system.acts", "Hệ thống: kích hoạt mức 2", "System: L2 activations");
    add("daily.diff.acts", "Chênh lệch kích hoạt", "Difference, activations");
    add("daily.days", "Số ngày", "Days");
    add("status.ON_TIME", "Đúng giờ", "On time");
    add("status.LATE", "Muộn", "Late");
    add("status.MISSING", "Thiếu", "Missing");
    add("nodata", "Không có số liệu cho lựa chọn này.", "No figures for this choice.");
    add("unavailable.title", "Chưa có dữ liệu", "No data yet");
    add(
        "unavailable.text",
        "Kho dữ liệu chưa có bảng gold. Hãy chạy:",
        "The warehouse has no gold tables yet. Run:");
    add("error.title", "Không thể hiển thị trang", "Cannot show this page");
    add(
        "error.forbidden",
        "Bạn không có quyền xem trang này: nó nằm ngoài đơn vị hoặc vai trò của bạn.",
        "You may not see this page.");
    add("back", "Về trang của đơn vị mình", "Back to my unit");
    // --- security (issue 25): the administration page's audit entries
    add("admin.audit.per.user", "%d mục gần nhất của mỗi người dùng", "the latest %d per user");
    add("audit.event.login", "Đăng nhập", "Signed in");
    add("audit.event.login_failed", "Đăng nhập sai", "Failed sign-in");
    add("audit.event.login_delayed", "Đăng nhập phải chờ", "Sign-in delayed");
    add("audit.event.logout", "Đăng xuất", "Signed out");
    add("audit.event.session_ended", "Phiên kết thúc", "Session ended");
    add("audit.event.view", "Xem trang", "Page view");
    add("audit.event.export", "Xuất dữ liệu", "Export");
    add("audit.event.api_read", "Đọc qua API", "API reads");
    add("audit.event.forbidden", "Bị từ chối", "Refused");
    add("audit.event.token_rejected", "Mã API không hợp lệ", "Invalid API token");
    add("audit.key.unit", "đơn vị", "unit");
    add("audit.key.page", "trang", "page");
    add("audit.key.month", "tháng", "month");
    add("audit.key.table", "bảng", "table");
    add("audit.key.format", "định dạng", "format");
    add("audit.key.rows", "số dòng", "rows");
    add("audit.key.wards", "xã", "wards");
    add("audit.key.data_version", "phiên bản dữ liệu", "data version");
    add("audit.key.requests", "số lượt", "requests");
    add("audit.key.minute", "phút", "minute");
    add("audit.key.role", "vai trò", "role");
    add("audit.key.reason", "lý do", "reason");
    add("audit.key.path", "đường dẫn", "path");
    add("audit.key.ip", "địa chỉ", "address");
    add("audit.key.delay_s", "chờ (giây)", "wait (s)");
    add("audit.key.repeated", "lặp lại (lần)", "repeated (times)");
    // --- end security
    add("print", "In", "Print");
    add("month.previous", "tháng trước", "previous month");
  }

  private Messages() {}

  private static void add(String key, String vi, String en) {
    TEXTS.put(key, new String[] {vi, en});
  }

  static String text(Lang lang, String key) {
    String[] texts = TEXTS.get(key);
    if (texts == null) {
      throw new IllegalArgumentException("no text for key " + key);
    }
    return texts[lang == Lang.VI ? 0 : 1];
  }
}
