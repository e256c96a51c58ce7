package io.raftkv.torture.report;

import io.raftkv.torture.fault.FaultWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportIndexTest {
    @TempDir
    Path folder;

    @Test
    void escapesScriptInTheVerdictText() throws IOException {
        String html = write("run", "INVALID", "<script>alert('x')</script> & \"more\"", Map.of(),
                List.of());

        assertThat(html).doesNotContain("<script>")
                .contains("<pre>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;</pre>");
    }

    @Test
    void escapesTitleFactsAndFaultDescriptions() throws IOException {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("command <line>", "./raftkv torture --nemesis 'kill,pause' > out");
        List<FaultWindow> faults = List.of(new FaultWindow("partition", "{n1} | <b>{n2}</b>", 0, 1_500_000_000L));

        String html = write("seed <42>", "VALID", "ok", facts, faults);

        assertThat(html).doesNotContain("<b>").doesNotContain("<line>").doesNotContain("<42>")
                .contains("<title>seed &lt;42&gt;</title>")
                .contains("<th>command &lt;line&gt;</th><td>./raftkv torture --nemesis &#39;kill,pause&#39; &gt; out</td>")
                .contains("{n1} | &lt;b&gt;{n2}&lt;/b&gt;")
                .contains("<td class=\"number\">1.500</td>");
    }

    @Test
    void showsTheVerdictAsABanner() throws IOException {
        assertThat(write("run", "INVALID", "", Map.of(), List.of()))
                .contains("<div class=\"verdict invalid\">INVALID");
        assertThat(write("run", "UNKNOWN", "", Map.of(), List.of()))
                .contains("<div class=\"verdict unknown\">UNKNOWN");
    }

    @Test
    void rejectsAVerdictWordItCannotShow() {
        assertThatThrownBy(() -> write("run", "MAYBE", "", Map.of(), List.of())).hasMessageContaining("MAYBE");
    }

    @Test
    void linksThePlotAndTheRawFiles() throws IOException {
        String html = write("run", "VALID", "", Map.of(), List.of());

        assertThat(html).contains("<img src=\"latency.png\"", "href=\"history.jsonl\"", "href=\"faults.jsonl\"",
                "href=\"verdict.txt\"", "href=\"nodes/\"", "No faults were injected.");
    }

    @Test
    void listsFactsInTheCallersOrder() throws IOException {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("seed", "42");
        facts.put("nodes", "5");
        facts.put("duration", "60 s");

        String html = write("run", "VALID", "", facts, List.of());

        assertThat(html).containsSubsequence("<th>seed</th><td>42</td>", "<th>nodes</th><td>5</td>",
                "<th>duration</th><td>60 s</td>");
    }

    private String write(String title, String verdictWord, String verdictText, Map<String, String> facts,
                         List<FaultWindow> faults) throws IOException {
        Path file = folder.resolve(ReportLayout.INDEX_FILE_NAME);
        ReportIndex.writeHtml(file, title, verdictWord, verdictText, facts, ReportLayout.PLOT_FILE_NAME, faults);
        return Files.readString(file);
    }
}
