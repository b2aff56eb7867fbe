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
    // Charts and the ward map (h-charts)
    add("chart.reform", "Sắp xếp ĐVHC 01/07/2025", "Admin reform 01/07/2025");
    add(
        "services.idle",
        "Không có hồ sơ trong tháng (không vẽ): %s.",
        "No dossiers this month (not drawn): %s.");
    add("nav.map", "Bản đồ", "Map");
    add(
        "map.none",
        "Chưa có ranh giới xã/phường nên chưa vẽ được bản đồ. Người quản trị thêm tệp ranh giới"
            + " (GeoJSON) khi khởi động bảng điều hành:",
        "No ward boundaries yet, so there is no map. The administrator adds a boundary file"
            + " (GeoJSON) when starting the dashboard:");
    add(
        "map.none.format",
        "Mỗi xã/phường một đối tượng (Polygon hoặc MultiPolygon, kinh độ/vĩ độ) có thuộc tính"
            + " ward_code là mã xã/phường hiện nay, ví dụ \"06325\". Tệp đặt tại"
            + " config/ward-boundaries.geojson được đọc tự động. Xem docs/dashboard.md, mục"
            + " \"Bản đồ xã/phường\".",
        "One feature per ward (Polygon or MultiPolygon, longitude/latitude) with a property"
            + " ward_code holding today's ward code, e.g. \"06325\". A file at"
            + " config/ward-boundaries.geojson is read by default. See docs/dashboard.md,"
            + " \"Bản đồ xã/phường\".");
    add(
        "map.drawn",
        "Ranh giới: %s trong %s xã/phường của đơn vị có trong tệp %s.",
        "Boundaries: %s of the unit's %s wards are in the file %s.");
    add("map.missing", "Thiếu ranh giới (không vẽ):", "Without a boundary (not drawn):");
    add(
        "map.unknown",
        "Mã trong tệp %s không phải xã/phường hiện nay (bỏ qua):",
        "Codes in the file %s that are no ward of today (ignored):");
    add(
        "map.nowards",
        "Tệp %s không có ranh giới của xã/phường nào thuộc đơn vị này.",
        "The file %s has no boundary of any ward of this unit.");
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
    add("target.pace", "Tốc độ cần", "Pace needed");
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
    // overview: headline strip, folds, phone menu (lead)
    add("nodata.short", "chưa có số liệu", "no figures yet");
    add("noreference", "chưa có chỉ tiêu hay mục tiêu", "no target or goal");
    add("headline.all", "Xem tất cả chỉ số", "See every indicator");
    add("details.show", "Xem chi tiết", "Show details");
    add("menu", "Menu", "Menu");
    add("district.wards", "Số xã báo cáo", "Wards reporting");
    add(
        "scorecard.open",
        "Mở bảng điểm đầy đủ (sắp xếp, tải về, in)",
        "Open the full scorecard (sort, export, print)");
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
    // Indicators (issue 24): a metric with no figure, e.g. toàn trình before the 2025 exports.
    add("value.none", "chưa có số liệu", "no data");

    // ---- scorecard, ranks, ward visibility, exports (h-score)
    add("nav.scorecard", "Bảng điểm", "Scorecard");
    add("scorecard", "Bảng điểm xã/phường", "Ward scorecard");
    add("scorecard.province", "Toàn tỉnh", "Whole province");
    add("scorecard.composite", "Điểm tổng hợp", "Composite");
    add("scorecard.rank", "Hạng chung", "Overall rank");
    add("scorecard.move", "Thay đổi hạng", "Rank change");
    add("scorecard.move.none", "chưa có hạng tháng trước", "no rank the month before");
    add(
        "scorecard.explain",
        "Mỗi ô tô màu theo chỉ tiêu còn hiệu lực của xã, nếu không có thì của tỉnh, nếu không thì"
            + " theo mục tiêu; di chuột lên ô để xem chỉ tiêu và hạn. Điểm tổng hợp là trung bình có"
            + " trọng số của mức đạt từng chỉ số (giá trị ÷ chỉ tiêu, tối đa 100 %%). Hạng so với %s.",
        "Each cell is coloured against the ward's live target, else the province's, else the goal;"
            + " hover a cell for its target and deadline. The composite is the weighted mean of each"
            + " indicator's attainment (value ÷ target, at most 100 %%). Rank change since %s.");
    add(
        "scorecard.nobefore",
        "Chưa có tháng trước cùng danh sách xã để so hạng.",
        "No previous month with the same wards to compare ranks with.");
    add("scorecard.weights", "Trọng số", "Weights");
    add("scorecard.vs", "hạng so với %s", "ranks vs %s");
    add(
        "scorecard.composite.title",
        "Mức đạt trung bình có trọng số của %d chỉ số có chỉ tiêu/mục tiêu",
        "Weighted mean attainment of the %d indicators with a target or goal");
    add("standing", "Vị trí của xã trong tỉnh", "Where the ward stands in the province");
    add("standing.rank", "Hạng %s / %s", "Rank %s / %s");
    add("standing.province", "Toàn tỉnh: %s", "Province: %s");
    add(
        "standing.private",
        "Chỉ hiển thị xã/phường của bạn, hạng trong tỉnh và số liệu toàn tỉnh.",
        "Only your ward, its rank in the province and the province's figure are shown.");
    add("league.change", "Thay đổi", "Change");
    add("export.csv.excel", "CSV (Excel)", "CSV (Excel)");
    add("export.csv.data", "CSV (dữ liệu)", "CSV (data)");
    add("export.xlsx", "XLSX", "XLSX");
    add("export.meta.unit", "Đơn vị", "Unit");
    add("export.meta.month", "Tháng", "Month");
    add("export.meta.version", "Phiên bản dữ liệu", "Data version");
    add("export.meta.updated", "Cập nhật lúc", "Updated at");
    add("export.meta.table", "Bảng", "Table");
    add("export.meta.filters", "Bộ lọc", "Filters");
    add("export.meta.by", "Người tải", "Exported by");
    // --- targets, to-do, daily reports, freshness (h-tgt) ---
    add("fresh.line", "Số liệu đến %s, cập nhật %s", "Figures up to %s, updated %s");
    add("fresh.none", "Chưa có số liệu.", "No figures yet.");
    add(
        "fresh.stale",
        "Số liệu đã cũ: chưa có số liệu tháng %s (phải có từ %s).",
        "Figures are out of date: %s is missing (due since %s).");
    add("targets.live", "Chỉ tiêu đang thực hiện tại ngày %s", "Live targets on %s");
    add("targets.livetable", "Chỉ tiêu đang thực hiện", "Live targets");
    add("targets.ended", "Chỉ tiêu đã hết hạn", "Ended targets");
    add("targets.nolive", "Không có chỉ tiêu nào đang thực hiện.", "No live target.");
    add(
        "targets.chart.ended",
        "Tỷ lệ đạt của các chỉ tiêu vừa hết hạn",
        "Attainment of the targets ended last");
    add(
        "targets.basis",
        "Tiến độ và dự kiến tính theo số liệu đến %s; số ngày còn lại tính từ ngày %s.",
        "Progress and projections from the figures up to %s; days left counted from %s.");
    add("target.gap", "Còn thiếu", "Still missing");
    add("target.recent", "Tốc độ tháng gần nhất", "Pace of the latest month");
    add("target.final", "Kết quả cuối", "Final figure");
    add("target.result", "Kết quả", "Result");
    add("target.met", "Đạt", "Met");
    add("target.missed", "Không đạt", "Not met");
    add("target.metnow", "Đã đạt", "Already met");
    add("target.notstarted", "Chưa bắt đầu", "Not started");
    add("target.upto", "(số liệu đến %s)", "(figures up to %s)");
    add("card.until", "đến %s", "by %s");
    add("card.projected", "dự kiến %s", "projected %s");
    add("card.goal", "mục tiêu", "goal");
    add("noun.activations", "kích hoạt", "activations");
    add("noun.applications", "hồ sơ", "applications");
    add("noun.records", "bản ghi", "records");
    add("noun.people", "người", "people");
    add("unit.points", "điểm %", "points");
    add("pace.none", "không tăng", "no change");
    add("unit.pointspermonth", "điểm %/tháng", "points/month");
    add("unit.perday", "/ngày", "/day");
    add("unit.perweek", "/tuần", "/week");
    add("todo.title", "Việc cần làm", "To do");
    add("todo.targets", "Chỉ tiêu chậm nhất", "Targets furthest behind");
    add("todo.targets.none", "Không có chỉ tiêu nào đang chậm.", "No live target is behind.");
    add("todo.targets.all", "Xem mọi chỉ tiêu", "See every target");
    add("todo.missing", "còn thiếu %s", "%s still missing");
    add("todo.needed", "cần %s", "needs %s");
    add("todo.recent", "4 tuần gần nhất %s", "last 4 weeks of data %s");
    add("todo.daysleft", "còn %s ngày (hạn %s)", "%s days left (due %s)");
    add("todo.lastday", "hạn hôm nay %s", "due today %s");
    add(
        "todo.daily",
        "Báo cáo ngày %s chưa gửi trước 17:00",
        "Daily reports of %s not sent by 17:00");
    add(
        "todo.daily.all",
        "Mọi xã/phường đã báo cáo trước 17:00.",
        "Every ward reported before 17:00.");
    add(
        "todo.daily.upto",
        "Số liệu báo cáo ngày mới đến %s: chưa biết xã/phường nào chưa báo cáo ngày %s.",
        "Daily reports are in up to %s: who missed %s is not known yet.");
    add(
        "todo.daily.noday",
        "Không có báo cáo ngày nào cho ngày %s (không phải ngày chiến dịch).",
        "No daily report was due on %s (not a campaign day).");
    add("todo.daily.none", "Chưa có số liệu báo cáo ngày.", "No daily reports yet.");
    add("todo.daily.more", "và %s xã/phường khác", "and %s more wards");
    add("todo.reports", "Báo cáo tháng %s", "Monthly reports of %s");
    add(
        "todo.reports.noconfig",
        "Chưa cấu hình báo cáo tháng (config/reports.yaml).",
        "No monthly reports configured (config/reports.yaml).");
    add(
        "todo.reports.none",
        "Không có báo cáo tháng nào của đơn vị này.",
        "No monthly report is due for this unit.");
    add("report.due", "hạn %s", "due %s");
    add("report.notmade", "Chưa lập", "Not made yet");
    add("report.made", "Đã lập", "Made");
    add("report.sent", "Đã gửi", "Sent");
    add("report.provisional", "Tạm tính", "Provisional");
    add("report.late", "Quá hạn", "Late");
    add("report.sentlate", "Gửi muộn", "Sent late");
    add("daily.today", "Hôm nay %s", "Today %s");
    add("daily.yesterday", "Hôm qua %s", "Yesterday %s");
    add(
        "daily.day.summary",
        "%s đúng giờ, %s muộn, %s không gửi",
        "%s on time, %s late, %s missing");
    add(
        "daily.day.notyet",
        "Chưa có số liệu (số liệu báo cáo ngày đến %s).",
        "No figures yet (daily reports are in up to %s).");
    add("daily.share", "Tỷ lệ đúng giờ", "On-time share");
    add("daily.ontime.wards", "%s xã/phường gửi trước 17:00", "%s wards reported before 17:00");
    add("daily.days.recorded", "Ngày có số liệu", "Days on record");
    add(
        "daily.gaps",
        "Không có bản ghi báo cáo ngày nào cho %s ngày của tháng: %s.",
        "No daily-report record for %s days of the month: %s.");
    add(
        "daily.rule",
        "Mỗi ngày được tính một lần: đúng giờ khi báo cáo của xã/phường ngày đó gửi trước 17:00 (xã/phường gộp từ nhiều xã cũ: ngày đúng giờ khi mọi xã cũ gửi trước 17:00).",
        "Each day counts once: on time when the ward's report of that day came before 17:00 (a ward merged from several former wards: on time when every one of them did).");
    // Anomalies (issue 24): AnomalyList on the quality page, AnomalyMarks on any figure.
    add("anomaly.title", "Số liệu bất thường tháng %s (%d)", "Figures that look wrong, %s (%d)");
    add(
        "anomaly.none",
        "Không có số liệu bất thường nào trong tháng này.",
        "Nothing looks wrong this month.");
    add(
        "anomaly.explain",
        "Số liệu khác hẳn lịch sử 12 tháng của xã/phường hoặc các xã/phường cùng tỉnh, giảm về 0,"
            + " dân số biến động mạnh giữa hai kỳ, báo cáo ngày lệch hệ thống: cần kiểm tra trước"
            + " khi dùng để xếp hạng.",
        "Figures far from the ward's own 12 months or its province's other wards, drops to zero,"
            + " population swings between snapshots, daily reports that differ from the system:"
            + " check them before ranking on them.");
    add("anomaly.period", "Kỳ", "Period");
    add("anomaly.metric", "Chỉ số", "Metric");
    add("anomaly.value", "Giá trị", "Value");
    add("anomaly.expected", "Khoảng thường gặp", "Usual range");
    add("anomaly.method", "Cách phát hiện", "Found by");
    add("anomaly.reason", "Lý do", "Reason");
    add("anomaly.more", "… và %d lý do khác", "… and %d more");
    add("anomaly.method.ward_history", "Lịch sử của xã/phường", "The ward's history");
    add("anomaly.method.peer", "So với xã/phường cùng tỉnh", "Against its peers");
    add("anomaly.method.drop_to_zero", "Giảm về 0", "Drop to zero");
    add("anomaly.method.cumulative_decrease", "Lũy kế giảm", "Cumulative went down");
    add("anomaly.method.population_shift", "Dân số biến động", "Population shift");
    add("anomaly.method.daily_mismatch", "Báo cáo ngày lệch", "Daily report mismatch");
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
