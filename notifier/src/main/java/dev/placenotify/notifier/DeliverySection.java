package dev.placenotify.notifier;

import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivery results in the owners' words (pure): a total line, a line per store and rule, and the texts worth
 * naming. Telegram gets the lines without carriers' reasons; Slack gets the reasons. Appended to a run's
 * summary (the results that arrived since the previous summary) and making up the daily digest.
 *
 * <pre>
 * 📬 전달 결과: 전달 12 · 실패 1
 * · 화성 새솔점 예약확정: 전달 5 · 실패 1
 * ❌ 예약확정 화성 새솔점 김*수 5678 전달 실패 (3018 수신 거부)      (reason in Slack only)
 * ✅ 결과 불명이던 문자 1건: SENS 발송 확인 · ❓ 1건: SENS에 없음 (재발송은 운영자: sends unknown)
 * </pre>
 */
public final class DeliverySection {
    /** Named texts shown at most (the counts cover the rest). */
    static final int MAX_LINES = 30;
    /** Characters the delivery lines may add to a run's summary on each channel. */
    static final int ADDITION_LIMIT = 1500;

    private final StoreCatalog stores;

    public DeliverySection(StoreCatalog stores) {
        this.stores = stores;
    }

    /** Plain lines (no markup); {@code withReasons} adds the carrier's code and reason to failures. */
    public List<String> lines(String title, DeliveryCounts d, boolean withReasons) {
        List<String> out = new ArrayList<>();
        if (d.isEmpty()) {
            return out;
        }
        out.add("📬 " + title + ": 전달 " + d.total("DELIVERED") + " · 실패 " + d.total("FAILED"));
        d.byStoreAndRule().forEach((store, byRule) -> byRule.forEach((rule, byCat) -> {
            List<String> parts = new ArrayList<>();
            Map<String, String> words = new LinkedHashMap<>();
            words.put("DELIVERED", "전달");
            words.put("FAILED", "실패");
            words.put("FOUND", "불명→발송 확인");
            words.put("ABSENT", "불명→미발송 확인");
            words.forEach((cat, word) -> {
                Integer n = byCat.get(cat);
                if (n != null && n > 0) {
                    parts.add(word + " " + n);
                }
            });
            out.add("· " + branch(store) + " " + SummaryLines.label(rule, d.labels()) + ": " + String.join(" · ", parts));
        }));
        int shown = 0;
        for (DeliveryCounts.Line l : d.lines()) {
            if (shown++ >= MAX_LINES) {
                out.add("…외 " + (d.lines().size() - MAX_LINES) + "건");
                break;
            }
            String who = SummaryLines.label(l.rule(), d.labels()) + " " + branch(l.storeId()) + " "
                    + SafeText.of(l.customer(), 20) + " " + SafeText.of(l.phoneLast4(), 4);
            out.add(switch (l.category()) {
                case "FAILED" -> "❌ " + who + " 전달 실패" + (withReasons ? reason(l) : "");
                case "FOUND" -> "✅ " + who + " 결과 불명 → SENS 발송 확인";
                case "ABSENT" -> "❓ " + who + " 결과 불명 → SENS에 없음 (재발송 판단: sends unknown)";
                default -> who;
            });
        }
        return out;
    }

    /** The summary with the delivery lines added at its end on Telegram, before the run id's context block on Slack. */
    public RunSummary appendTo(RunSummary summary, DeliveryCounts d) {
        if (d.isEmpty()) {
            return summary;
        }
        List<String> telegram = new ArrayList<>(summary.telegramParts());
        String last = telegram.remove(telegram.size() - 1);
        String addition = String.join("\n", lines("지난 요약 이후 전달 결과", d, false).stream().map(Html::escape).toList());
        // Kept short: the summary's own parts already fill most of the channels' totals (docs/notifier.md, limits).
        addition = addition.length() > ADDITION_LIMIT ? addition.substring(0, ADDITION_LIMIT) + "…" : addition;
        if (last.length() + addition.length() + 1 <= 4000) {
            telegram.add(last + "\n" + addition);
        } else {
            telegram.add(last);
            telegram.add(addition);
        }
        Map<String, Object> slack = new LinkedHashMap<>(summary.slackPayload());
        @SuppressWarnings("unchecked")
        List<Object> blocks = new ArrayList<>((List<Object>) slack.getOrDefault("blocks", List.of()));
        String text = String.join("\n", lines("*지난 요약 이후 전달 결과*", d, true).stream().map(SlackText::escape).toList());
        Map<String, Object> section = Map.of("type", "section", "text", Map.of("type", "mrkdwn",
                "text", text.length() > ADDITION_LIMIT ? text.substring(0, ADDITION_LIMIT) + "…" : text));
        if (blocks.size() < SummaryComposer.SLACK_MAX_BLOCKS) {
            blocks.add(Math.max(0, blocks.size() - 1), section); // before the context block with the run id
        }
        slack.put("blocks", blocks);
        return new RunSummary(List.copyOf(telegram), slack, summary.line() + " | 전달 " + d.total("DELIVERED") + " · 실패 "
                + d.total("FAILED"));
    }

    private static String reason(DeliveryCounts.Line l) {
        String code = l.code() == null || l.code().isBlank() ? "" : l.code() + " ";
        String why = l.reason() == null ? "" : SafeText.of(l.reason(), 120);
        return code.isEmpty() && why.isEmpty() ? "" : " (" + code + why + ")";
    }

    private String branch(String storeId) {
        return SafeText.of(stores.find(storeId).map(StoreSettings::name).orElse(storeId), 40);
    }
}
