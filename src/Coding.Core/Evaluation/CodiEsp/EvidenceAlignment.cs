using System.Text.RegularExpressions;

namespace Coding.Core.Evaluation.CodiEsp;

/// <summary>
/// Carries CodiEsp's evidence offsets, which point into the Spanish originals, over to the English translations: the
/// Spanish case is split into sentences, aligned with the translation's lines (one sentence per line, with the odd
/// split, merge or stray "1." line) by the classic length-based dynamic programme (Gale and Church, 1993), and each
/// evidence span becomes the English lines its Spanish sentence aligned with. Sentence-level, not word-level: enough
/// to tell which sentence of the English note a gold code was read from, which is what learning phrases needs.
/// </summary>
public static partial class EvidenceAlignment
{
    /// <summary>Code (as written in the X file) → ranges of English lines holding its evidence.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<GoldSpan>> Align(string spanish, string english, IEnumerable<CodiEspEvidence> evidence)
    {
        var source = SpanishSentences(spanish);
        var target = Lines(english);
        var aligned = Beads(source, target);
        var result = new Dictionary<string, List<GoldSpan>>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in evidence)
        {
            foreach (var span in row.Spans)
            {
                var sentence = source.FindIndex(s => span.Start >= s.Start && span.Start <= s.End);
                if (sentence < 0) continue;
                var (first, end) = aligned[sentence];
                if (!result.TryGetValue(row.Code, out var ranges)) result[row.Code] = ranges = [];
                for (var line = first; line < end; line++)
                {
                    if (!ranges.Contains(target[line])) ranges.Add(target[line]);
                }
            }
        }
        return result.ToDictionary(e => e.Key, e => (IReadOnlyList<GoldSpan>)e.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Sentences of each paragraph: a full stop, question or exclamation mark before what starts a sentence.</summary>
    internal static List<GoldSpan> SpanishSentences(string text)
    {
        var sentences = new List<GoldSpan>();
        foreach (Match paragraph in ParagraphPattern().Matches(text))
        {
            var start = 0;
            foreach (Match boundary in SentenceBoundary().Matches(paragraph.Value))
            {
                if (boundary.Index > start) sentences.Add(new GoldSpan(paragraph.Index + start, paragraph.Index + boundary.Index));
                start = boundary.Index + boundary.Length;
            }
            if (start < paragraph.Length) sentences.Add(new GoldSpan(paragraph.Index + start, paragraph.Index + paragraph.Length));
        }
        return sentences;
    }

    internal static List<GoldSpan> Lines(string text) =>
        ParagraphPattern().Matches(text).Where(m => !string.IsNullOrWhiteSpace(m.Value)).Select(m => new GoldSpan(m.Index, m.Index + m.Length)).ToList();

    /// <summary>
    /// For each source sentence, the [first, end) target lines it aligned with. Beads 1–1 (free), 1–2 and 2–1, 1–3 and
    /// 3–1, 0–1 and 1–0, each charged a penalty plus the squared log ratio of their lengths, after scaling by the
    /// document's own length ratio (English runs ~10 % shorter than Spanish, and some translations drop clauses).
    /// </summary>
    internal static (int First, int End)[] Beads(IReadOnlyList<GoldSpan> source, IReadOnlyList<GoldSpan> target)
    {
        int n = source.Count, m = target.Count;
        var result = new (int First, int End)[n];
        if (n == 0) return result;
        var ratio = (double)target.Sum(t => t.End - t.Start) / Math.Max(1, source.Sum(s => s.End - s.Start));
        var cost = new double[n + 1, m + 1];
        var back = new (int I, int J)[n + 1, m + 1];
        for (var i = 0; i <= n; i++)
            for (var j = 0; j <= m; j++)
                cost[i, j] = double.PositiveInfinity;
        cost[0, 0] = 0;
        for (var i = 0; i <= n; i++)
        {
            for (var j = 0; j <= m; j++)
            {
                if (double.IsPositiveInfinity(cost[i, j])) continue;
                foreach (var (di, dj, penalty) in BeadShapes)
                {
                    int a = i + di, b = j + dj;
                    if (a > n || b > m) continue;
                    double x = 0, y = 0;
                    for (var k = i; k < a; k++) x += source[k].End - source[k].Start;
                    for (var k = j; k < b; k++) y += target[k].End - target[k].Start;
                    var mismatch = Math.Log((y + 10) / (ratio * x + 10));
                    var total = cost[i, j] + penalty + LengthWeight * mismatch * mismatch;
                    if (total < cost[a, b])
                    {
                        cost[a, b] = total;
                        back[a, b] = (i, j);
                    }
                }
            }
        }
        for (int i = n, j = m; i > 0 || j > 0;)
        {
            var (pi, pj) = back[i, j];
            for (var k = pi; k < i; k++) result[k] = (pj, j);
            (i, j) = (pi, pj);
        }
        return result;
    }

    private const double LengthWeight = 8;

    private static readonly (int Source, int Target, double Penalty)[] BeadShapes =
        [(1, 1, 0), (1, 2, 1.5), (2, 1, 1.5), (1, 3, 3), (3, 1, 3), (0, 1, 4), (1, 0, 4)];

    [GeneratedRegex(@"[^\n]+")]
    private static partial Regex ParagraphPattern();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿¡0-9(])")]
    private static partial Regex SentenceBoundary();
}
