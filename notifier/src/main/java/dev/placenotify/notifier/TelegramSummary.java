package dev.placenotify.notifier;

import java.util.ArrayList;
import java.util.List;

/**
 * A summary as Telegram HTML: the headline in bold, the figures, then problems, per-text lines and notes
 * as far as the {@value SummaryComposer#TOTAL_LIMIT}-character total allows (each cut with "…외 N건"), the
 * run id last; split into parts of at most {@value SummaryComposer#TELEGRAM_LIMIT} characters.
 */
final class TelegramSummary {
    private TelegramSummary() {}

    /** {@code head}: headline first, then the figures' lines; all plain text, escaped here. */
    static List<String> render(List<String> head, List<SummaryComposer.Problem> problems, LineBudget.Section texts,
                               LineBudget.Section notes, String tail) {
        List<String> headHtml = new ArrayList<>();
        headHtml.add("<b>" + Html.escape(head.get(0)) + "</b>");
        head.subList(1, head.size()).forEach(l -> headHtml.add(Html.escape(l)));
        String tailHtml = Html.escape(tail);
        List<String> problemLines = problems.stream().filter(p -> !p.detailOnly()).map(p -> Html.escape(p.emoji() + " " + p.text())).toList();
        List<List<String>> body = LineBudget.fit(List.of(new LineBudget.Section(problemLines),
                texts.escaped(Html::escape), notes.escaped(Html::escape)),
                SummaryComposer.TOTAL_LIMIT - LineBudget.cost(headHtml) - LineBudget.cost(tailHtml));
        List<String> lines = new ArrayList<>(headHtml);
        body.forEach(lines::addAll);
        lines.add(tailHtml);
        return TextSplitter.split(lines, SummaryComposer.TELEGRAM_LIMIT);
    }
}
