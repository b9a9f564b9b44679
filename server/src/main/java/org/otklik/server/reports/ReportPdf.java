package org.otklik.server.reports;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;
import org.otklik.server.reports.internal.Rollups;

/**
 * The period report as a PDF file made by the server (for the monthly, quarterly and annual mails and the download
 * button): the totals, three bar charts (volume by hour of day, first-response distribution, CSAT by day) and the
 * tables by department, channel and agent. Text is set in Liberation Sans, embedded, so Cyrillic prints anywhere.
 */
public final class ReportPdf {

    private static final BaseFont SANS = font("liberation/LiberationSans-Regular.ttf");
    private static final BaseFont SANS_BOLD = font("liberation/LiberationSans-Bold.ttf");
    private static final Color BAR = new Color(0x2f, 0x6f, 0xb3);

    private ReportPdf() {
    }

    /** Everything one period report shows. */
    record Content(String title, LocalDate from, LocalDate to, Map<String, Object> period,
                   List<Map<String, Object>> byAgent, long[] receivedByHour, long[] frtBuckets,
                   List<String> csatDays, long[] csatPercentByDay) {
    }

    /** The period report from {@code from} to {@code to} (days, inclusive) as a PDF file. */
    public static byte[] periodReport(ReportQueries queries, String title, LocalDate from, LocalDate to) {
        return render(of(queries, title, from, to));
    }

    /** The period report's content, read from the rollups. */
    static Content of(ReportQueries queries, String title, LocalDate from, LocalDate to) {
        long[] perHour = new long[24];
        queries.kpis(from, to, "hour").forEach(h -> perHour[(Integer) h.get("hour")] = (Long) h.get("received"));
        List<Map<String, Object>> days = queries.kpis(from, to, "day");
        List<String> dayLabels = new ArrayList<>();
        long[] csat = new long[days.size()];
        for (int i = 0; i < days.size(); i++) {
            dayLabels.add(String.valueOf(days.get(i).get("day")).substring(5));
            Double share = (Double) days.get(i).get("csatPositiveShare");
            csat[i] = share == null ? 0 : Math.round(share * 100);
        }
        return new Content(title, from, to, queries.periodReport(from, to), queries.kpis(from, to, "agent"), perHour,
                queries.frtHistogram(from, to), dayLabels, csat);
    }

    static byte[] render(Content c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 28, 28, 28, 28);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        document.addTitle(c.title());
        document.addCreator("Otklik");
        document.open();
        document.add(new Paragraph(c.title(), new Font(SANS_BOLD, 16)));
        document.add(new Paragraph(c.from() + " — " + c.to(), new Font(SANS, 10)));

        @SuppressWarnings("unchecked")
        Map<String, Object> total = (Map<String, Object>) c.period().get("total");
        @SuppressWarnings("unchecked")
        Map<String, Object> mentions = (Map<String, Object>) c.period().get("mentions");
        PdfPTable kpis = new PdfPTable(9);
        kpis.setWidthPercentage(100);
        kpis.setSpacingBefore(10);
        String[][] shown = {{"Received", number(total.get("received"))},
                {"First response p50 / p90, s", number(total.get("firstResponseP50Seconds")) + " / "
                        + number(total.get("firstResponseP90Seconds"))},
                {"SLA first response / resolution", percent(total.get("slaAttainment")) + " / "
                        + percent(total.get("resolutionSlaAttainment"))},
                {"CSAT 4-5", percent(total.get("csatPositiveShare"))},
                {"Confirmed", percent(total.get("confirmedShare"))},
                {"Reopened", percent(total.get("reopenRate"))},
                {"Abandoned", number(total.get("abandoned"))},
                {"Overflowed", number(total.get("overflowed"))},
                {"Actionable mentions processed", mentions == null ? "-" : percent(mentions.get("processedShare"))
                        + " of " + number(mentions.get("actionable"))}};
        for (String[] kpi : shown) {
            PdfPCell cell = new PdfPCell();
            cell.addElement(new Phrase(kpi[0], new Font(SANS, 8, Font.NORMAL, Color.DARK_GRAY)));
            cell.addElement(new Phrase(kpi[1], new Font(SANS_BOLD, 13)));
            cell.setPadding(5);
            kpis.addCell(cell);
        }
        document.add(kpis);

        PdfPTable charts = new PdfPTable(3);
        charts.setWidthPercentage(100);
        charts.setSpacingBefore(12);
        List<String> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(h % 3 == 0 ? Integer.toString(h) : "");
        }
        List<String> buckets = new ArrayList<>();
        for (int i = 0; i <= Rollups.FRT_BOUNDS.length; i++) {
            buckets.add(i % 2 == 0 ? (i < Rollups.FRT_BOUNDS.length ? "≤" + short_(Rollups.FRT_BOUNDS[i])
                    : ">" + short_(Rollups.FRT_BOUNDS[i - 1])) : "");
        }
        List<String> days = new ArrayList<>();
        for (int i = 0; i < c.csatDays().size(); i++) {
            days.add(i % Math.max(1, c.csatDays().size() / 6) == 0 ? c.csatDays().get(i) : "");
        }
        charts.addCell(chart(writer, "Volume by hour of day", hours, c.receivedByHour()));
        charts.addCell(chart(writer, "First-response distribution", buckets, c.frtBuckets()));
        charts.addCell(chart(writer, "CSAT by day, % rated 4-5", days, c.csatPercentByDay()));
        document.add(charts);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> byDepartment = (List<Map<String, Object>>) c.period().get("byDepartment");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> byChannel = (List<Map<String, Object>>) c.period().get("byChannel");
        table(document, "By department", byDepartment);
        table(document, "By channel", byChannel);
        table(document, "By agent", c.byAgent());
        document.close();
        return out.toByteArray();
    }

    private static final List<String> TABLE_COLUMNS = List.of("received", "firstResponses",
            "firstResponseP50Seconds", "firstResponseP90Seconds", "resolutionMeanSeconds", "slaAttainment",
            "resolutionSlaAttainment", "nextResponseSlaAttainment", "csatPositiveShare", "csatMean", "confirmedShare",
            "reopenRate", "abandoned", "overflowed");

    private static void table(Document document, String title, List<Map<String, Object>> rows) {
        document.add(new Paragraph(title, new Font(SANS_BOLD, 12)) {{
            setSpacingBefore(12);
            setSpacingAfter(4);
        }});
        if (rows.isEmpty()) {
            document.add(new Paragraph("no conversations in this period", new Font(SANS, 9)));
            return;
        }
        List<String> columns = new ArrayList<>();
        columns.add(rows.getFirst().keySet().iterator().next()); // the dimension's value
        TABLE_COLUMNS.stream().filter(rows.getFirst()::containsKey).forEach(columns::add);
        PdfPTable table = new PdfPTable(columns.size());
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String column : columns) {
            PdfPCell head = new PdfPCell(new Phrase(column, new Font(SANS_BOLD, 7)));
            head.setBackgroundColor(new Color(0xee, 0xf2, 0xf7));
            table.addCell(head);
        }
        Font cellFont = new Font(SANS, 8);
        for (Map<String, Object> row : rows) {
            for (String column : columns) {
                Object v = row.get(column);
                String text = column.endsWith("Share") || column.endsWith("Rate") || column.endsWith("Attainment")
                        ? percent(v) : number(v);
                PdfPCell cell = new PdfPCell(new Phrase(text, cellFont));
                cell.setHorizontalAlignment(column.equals(columns.getFirst()) ? Element.ALIGN_LEFT
                        : Element.ALIGN_RIGHT);
                table.addCell(cell);
            }
        }
        document.add(table);
    }

    /** A bar chart drawn as vectors (scales without blur when printed). */
    private static PdfPCell chart(PdfWriter writer, String title, List<String> labels, long[] values) {
        float width = 240;
        float height = 120;
        PdfTemplate t = writer.getDirectContent().createTemplate(width, height);
        long max = 1;
        for (long v : values) {
            max = Math.max(max, v);
        }
        float plotBottom = 16;
        float plotHeight = height - plotBottom - 4;
        float slot = width / Math.max(1, values.length);
        t.setColorFill(BAR);
        for (int i = 0; i < values.length; i++) {
            float h = plotHeight * values[i] / max;
            if (h > 0) {
                t.rectangle(i * slot + slot * 0.12f, plotBottom, slot * 0.76f, h);
            }
        }
        t.fill();
        t.setColorFill(Color.DARK_GRAY);
        t.beginText();
        t.setFontAndSize(SANS, 6);
        for (int i = 0; i < labels.size() && i < values.length; i++) {
            if (!labels.get(i).isEmpty()) {
                t.showTextAligned(PdfContentByte.ALIGN_CENTER, labels.get(i), i * slot + slot / 2, 5, 0);
            }
        }
        t.showTextAligned(PdfContentByte.ALIGN_LEFT, "max " + max, 2, height - 8, 0);
        t.endText();
        PdfPCell cell = new PdfPCell();
        cell.setBorder(0);
        cell.addElement(new Phrase(title, new Font(SANS_BOLD, 9)));
        Image image = Image.getInstance(t);
        image.scaleToFit(width, height);
        cell.addElement(image);
        return cell;
    }

    private static String number(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Double d) {
            return String.format(java.util.Locale.ROOT, "%.1f", d);
        }
        return String.valueOf(v);
    }

    private static String percent(Object v) {
        return v instanceof Number n ? String.format(java.util.Locale.ROOT, "%.1f %%", n.doubleValue() * 100) : "-";
    }

    private static String short_(int seconds) {
        return seconds < 60 ? seconds + "s" : seconds < 3600 ? seconds / 60 + "m" : seconds / 3600 + "h";
    }

    private static BaseFont font(String resource) {
        try (InputStream in = ReportPdf.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " is missing from the class path");
            }
            byte[] bytes = in.readAllBytes();
            return BaseFont.createFont(resource, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, bytes, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
