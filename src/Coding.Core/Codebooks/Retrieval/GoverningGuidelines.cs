using System.Text.RegularExpressions;
using Coding.Core.Codebooks.Parsing;

namespace Coding.Core.Codebooks.Retrieval;

/// <summary>
/// Which Official Guidelines sections govern an ICD-10-CM code, best first: a pure function of one year's sections.
/// The guidelines are organised by topic (I.C.4.a Diabetes mellitus, I.B.10 Sequela …); a topic is scored as a whole
/// and shown through its best chunk. A topic scores for naming the code (exact 3, subcategory 2+, category 1.5, a
/// narrow category range 1, a sibling code of the category 0.75), a little for naming it in more than one of its
/// chunks, for sitting in the code's own chapter (2; its chapter-opening words 1 when the chapter has topics of its own;
/// chapter 21's catalogue of Z categories only 1, since a Z category is usually ruled on where its condition is), and
/// for how well its words fit the code's title and category title (TF-IDF cosine × 3). A topic of the code's chapter
/// that names other codes of that chapter and not this one is about those codes (−1). Written against
/// codebooks/eval/guideline-sections.tsv (163 codes: top-1 0.828 → 0.914); measured on the sets kept apart by
/// `coding bench codebooks`.
/// </summary>
internal sealed partial class GoverningGuidelines
{
    private const double ChapterWeight = 2, ZChapterWeight = 1, MultipleMentionWeight = 0.25, OtherCodesPenalty = 1, FitWeight = 3;

    private readonly List<Topic> _topics;
    private readonly Dictionary<string, double> _idf;
    private readonly HashSet<string> _chaptersWithTopics;

    public GoverningGuidelines(IEnumerable<GuidelineHit> sections)
    {
        var chunks = sections
            .Where(s => !IsReserved(s.Text))
            .Select(Chunk.Of).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in chunks)
            foreach (var w in c.Stems.Keys) df[w] = df.GetValueOrDefault(w) + 1;
        _idf = df.ToDictionary(kv => kv.Key, kv => Math.Log((chunks.Count + 1.0) / (kv.Value + 1)) + 1, StringComparer.Ordinal);
        foreach (var c in chunks) c.Norm = Norm(c.Stems);
        _topics = chunks.GroupBy(c => TopicOf(c.Hit.SectionPath)).Select(g => new Topic(g.Key, g.ToList())).ToList();
        _chaptersWithTopics = _topics.Where(t => t.Path.StartsWith("I.C.", StringComparison.Ordinal) && t.Path.Count(ch => ch == '.') == 3)
            .Select(t => t.Path[..t.Path.LastIndexOf('.')]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A chapter's placeholder ("Reserved for future guideline expansion": chapters 3, 8, 11) governs nothing.</summary>
    public static bool IsReserved(string text) => text.Contains("Reserved for future guideline expansion", StringComparison.Ordinal);

    /// <summary>The chunk that stands for each topic, best topic first, with its score.</summary>
    /// <param name="code">Without dot (E1122).</param>
    /// <param name="chapter">The code's chapter number ("4"), null when unknown.</param>
    /// <param name="title">The code's title and its category's title, the words a topic is fitted to.</param>
    public IReadOnlyList<GuidelineHit> Rank(string code, string? chapter, string title)
    {
        var query = Stems(title);
        var queryNorm = Norm(query);
        var own = chapter is null ? null : $"I.C.{chapter}";
        var ownChapter = IcdChapter.Of(code);
        var ranked = new List<(double Score, GuidelineHit Hit)>();
        foreach (var topic in _topics)
        {
            var opening = topic.Path == own;
            var inChapter = own is not null && topic.Path.StartsWith(own + ".", StringComparison.Ordinal);
            var best = (Mention: -1.0, Fit: -1.0, Chunk: topic.Chunks[0]);
            var maxMention = 0.0;
            var naming = 0;
            var namesOthers = false;
            foreach (var c in topic.Chunks)
            {
                // A chapter's opening names its range and special codes in its title: that is the chapter, not a ruling.
                var mention = opening ? 0 : c.Mention(code);
                var fit = queryNorm == 0 || c.Norm == 0 ? 0 : Dot(query, c.Stems) / (queryNorm * c.Norm);
                if (mention >= 1.5) naming++;
                maxMention = Math.Max(maxMention, mention);
                namesOthers |= c.Codes.Any(m => IcdChapter.Of(m) == ownChapter && ownChapter is not null);
                if (mention > best.Mention || (mention == best.Mention && fit > best.Fit)) best = (mention, fit, c);
            }
            var chapterWeight = chapter == "21" ? ZChapterWeight : ChapterWeight;
            var score = maxMention + MultipleMentionWeight * Math.Max(0, naming - 1)
                + (inChapter ? chapterWeight : opening ? (_chaptersWithTopics.Contains(topic.Path) ? 1 : chapterWeight) : 0)
                - (inChapter && maxMention == 0 && namesOthers ? OtherCodesPenalty : 0)
                + FitWeight * topic.Chunks.Max(c => queryNorm == 0 || c.Norm == 0 ? 0 : Dot(query, c.Stems) / (queryNorm * c.Norm));
            ranked.Add((score, best.Chunk.Hit with { Score = Math.Round(score, 3) }));
        }
        return ranked.OrderByDescending(r => r.Score).ThenBy(r => r.Hit.Id).Select(r => r.Hit).ToList();
    }

    /// <summary>I.C.4.a.2.b → I.C.4.a (a chapter-specific topic); I.B.10.c → I.B.10; II.K → II.K; I.C.17 → I.C.17.</summary>
    internal static string TopicOf(string path)
    {
        var parts = path.Split('.');
        var depth = parts[0] == "I" && parts.Length >= 2 ? (parts[1] == "C" ? 4 : 3) : 2;
        return string.Join('.', parts.Take(depth));
    }

    private double Norm(Dictionary<string, int> stems) => Math.Sqrt(stems.Sum(kv => Math.Pow(kv.Value * Idf(kv.Key), 2)));

    private double Dot(Dictionary<string, int> query, Dictionary<string, int> chunk)
    {
        var sum = 0.0;
        foreach (var (w, n) in query)
            if (chunk.TryGetValue(w, out var m)) sum += n * m * Math.Pow(Idf(w), 2);
        return sum;
    }

    private double Idf(string w) => _idf.TryGetValue(w, out var v) ? v : Math.Log(_topics.Sum(t => t.Chunks.Count) + 1.0) + 1;

    /// <summary>
    /// Word stems without function words, numbers and the guidelines' own stock words: the singular ("injuries" →
    /// "injury", "fractures" → "fracture"), cut to six letters.
    /// </summary>
    internal static Dictionary<string, int> Stems(string text)
    {
        var stems = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in Embeddings.DeterministicEmbedder.Tokenize(text))
        {
            if (w.Length < 2 || StopWords.Contains(w) || w.All(char.IsDigit)) continue;
            var singular = w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal) ? w[..^3] + "y"
                : w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal)
                    && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal) ? w[..^1]
                : w;
            var stem = singular.Length > 6 ? singular[..6] : singular;
            stems[stem] = stems.GetValueOrDefault(stem) + 1;
        }
        return stems;
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "of", "on", "or", "the", "to", "with", "without", "be",
        "are", "this", "that", "should", "not", "code", "codes", "assign", "assigned", "used", "use", "when", "if", "may", "only", "any",
        "other", "see", "also", "which", "it", "its", "patient",
    };

    private sealed record Topic(string Path, List<Chunk> Chunks);

    private sealed class Chunk(
        GuidelineHit hit, IReadOnlyList<string> codes, IReadOnlyList<(string From, string To)> ranges, Dictionary<string, int> stems)
    {
        public GuidelineHit Hit { get; } = hit;
        public IReadOnlyList<string> Codes { get; } = codes;
        public Dictionary<string, int> Stems { get; } = stems;
        public double Norm { get; set; }

        public static Chunk Of(GuidelineHit hit)
        {
            // The heading's own range ("Chapter 18: Symptoms … (R00-R99)") is the chapter's title, not an instruction.
            var text = hit.Text.StartsWith(hit.Heading, StringComparison.Ordinal) ? hit.Text[hit.Heading.Length..] : hit.Text;
            var ranges = CodeRange().Matches(text).Select(m => (m.Groups[1].Value, m.Groups[2].Value))
                // Only ranges inside one chapter and a few blocks wide: "A00.0 through T88.9" or "Z00-Z99" rule on everything.
                .Where(r => r.Item1[0] == r.Item2[0] && Width(r.Item1, r.Item2) <= 20).ToList();
            var codes = CodeMention().Matches(CodeRange().Replace(text, " "))
                .Select(m => CodeFormat.Normalize(m.Groups[1].Value)).Distinct().ToList();
            return new Chunk(hit, codes, ranges, GoverningGuidelines.Stems($"{hit.Heading} {hit.Heading} {text}"));
        }

        private static int Width(string from, string to) =>
            int.TryParse(from.AsSpan(1, 2), out var a) && int.TryParse(to.AsSpan(1, 2), out var b) ? b - a : int.MaxValue;

        public double Mention(string code)
        {
            var mention = 0.0;
            foreach (var m in Codes)
            {
                if (m == code) mention = Math.Max(mention, 3);
                else if (m.Length >= 4 && code.StartsWith(m, StringComparison.Ordinal))
                    mention = Math.Max(mention, 2 + 0.2 * (m.Length - 4));
                else if (m.Length == 3 && code.StartsWith(m, StringComparison.Ordinal)) mention = Math.Max(mention, 1.5);
                // A41.9 named in the sepsis section: the section is about category A41, so about A41.51 too.
                else if (m.Length >= 4 && code.Length >= 3 && m[..3] == code[..3]) mention = Math.Max(mention, 0.75);
            }
            foreach (var (from, to) in ranges)
                if (code.Length >= 3 && string.CompareOrdinal(code[..3], from) >= 0 && string.CompareOrdinal(code[..3], to) <= 0)
                    mention = Math.Max(mention, 1);
            return mention;
        }

        private readonly IReadOnlyList<(string From, string To)> ranges = ranges;
    }

    // "T36-T50", "E08–E13": a range of categories. Taken out before single mentions so its ends are not read as codes.
    [GeneratedRegex(@"\b([A-Z]\d[0-9A-Z])\s?[-–]\s?([A-Z]\d[0-9A-Z])\b")]
    private static partial Regex CodeRange();

    // "R65.20", "O24.4-", "Z3A", "category F02": an ICD-10-CM code, subcategory or category named in the text.
    [GeneratedRegex(@"\b([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)")]
    private static partial Regex CodeMention();
}

/// <summary>The ICD-10-CM chapter of a code or category, from the classification's fixed chapter ranges.</summary>
internal static class IcdChapter
{
    private static readonly (string From, string To, string Chapter)[] Ranges =
    [
        ("A00", "B99", "1"), ("C00", "D49", "2"), ("D50", "D89", "3"), ("E00", "E89", "4"), ("F01", "F99", "5"), ("G00", "G99", "6"),
        ("H00", "H59", "7"), ("H60", "H95", "8"), ("I00", "I99", "9"), ("J00", "J99", "10"), ("K00", "K95", "11"), ("L00", "L99", "12"),
        ("M00", "M99", "13"), ("N00", "N99", "14"), ("O00", "O9A", "15"), ("P00", "P96", "16"), ("Q00", "QA1", "17"), ("R00", "R99", "18"),
        ("S00", "T88", "19"), ("U00", "U85", "22"), ("V00", "Y99", "20"), ("Z00", "Z99", "21"),
    ];

    public static string? Of(string code)
    {
        if (code.Length < 3) return null;
        var category = code[..3];
        foreach (var (from, to, chapter) in Ranges)
            if (string.CompareOrdinal(category, from) >= 0 && string.CompareOrdinal(category, to) <= 0) return chapter;
        return null;
    }
}
