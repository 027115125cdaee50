using System.Text;
using System.Text.RegularExpressions;

namespace Coding.Core.Codebooks.Parsing;

/// <summary>A passage of the Official Guidelines under one heading. <see cref="SectionPath"/> is the citation form (I.C.4.a.2).</summary>
public sealed record GuidelineSection(string SectionPath, string Heading, string Trail, int Page, int Part, string Text);

/// <summary>
/// Splits the Official Guidelines (text made by <c>pdftotext -layout</c>, one form feed per page) into sections by their
/// outline: Section I–IV / Appendix I, A., 1., a., 1), (a), (i). The layout's indentation is unreliable, so a line counts as
/// a heading only when its label is the next one expected in the outline (the next sibling of an open level, or the first
/// child of the innermost one); list items inside running text and cross references ("See Section I.C.2.") do not.
/// Running headers, footers and the table of contents are dropped; pages come from the form feeds.
/// </summary>
public static partial class GuidelinesParser
{
    /// <summary>Long sections are cut at paragraph breaks near this size so a retrieved chunk stays focused.</summary>
    public const int MaxChunkChars = 1800;

    private enum Level { Section = 0, Letter = 1, Number = 2, Lower = 3, NumberParen = 4, LetterParen = 5, Roman = 6 }

    private sealed class Open(Level level, string key, int ordinal, string heading)
    {
        public Level Level { get; } = level;
        public string Key { get; } = key;
        public int Ordinal { get; } = ordinal;
        public string Heading { get; } = heading;
    }

    public static IReadOnlyList<GuidelineSection> ReadFile(string path) => Parse(File.ReadAllText(path));

    public static IReadOnlyList<GuidelineSection> Parse(string text)
    {
        var result = new List<GuidelineSection>();
        var stack = new List<Open>();
        var body = new StringBuilder();
        var page = 1;
        var chunkPage = 1;
        var started = false;
        var sawToc = false;
        string path = "Intro", heading = "Introduction", trail = "Introduction";

        void Flush()
        {
            var content = body.ToString().Trim();
            body.Clear();
            if (content.Length == 0) return;
            var part = 1;
            foreach (var piece in SplitLong(content))
                result.Add(new GuidelineSection(path, heading, trail, chunkPage, part++, piece));
        }

        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            while (line.StartsWith('\f')) { page++; line = line[1..]; }
            var trimmed = line.Trim();
            if (trimmed.Length == 0) { body.Append('\n'); continue; }
            if (IsRunningHeader(trimmed)) continue;
            if (TocLine().IsMatch(trimmed)) { sawToc = true; continue; }
            if (sawToc && !started)
            {
                // Between the first table-of-contents line and Section I: wrapped TOC entries, not content.
                if (!Readings(trimmed).Any(c => c is { Level: Level.Section, Ordinal: 1 })) continue;
            }

            if (Readings(trimmed).FirstOrDefault(c => Accept(stack, c)) is { } candidate)
            {
                Flush();
                started = true;
                while (stack.Count > 0 && stack[^1].Level >= candidate.Level) stack.RemoveAt(stack.Count - 1);
                stack.Add(new Open(candidate.Level, candidate.Key, candidate.Ordinal, candidate.Heading));
                path = string.Join('.', stack.Select(o => o.Key));
                heading = candidate.Heading;
                trail = string.Join(" > ", stack.Select(o => o.Heading));
                chunkPage = page;
                body.Append(trimmed).Append('\n');
                continue;
            }
            if (!started && sawToc) continue;
            body.Append(trimmed).Append('\n');
        }
        Flush();
        return result;
    }

    private sealed record Candidate(Level Level, string Key, int Ordinal, string Heading);

    /// <summary>Every way the line's label can be read as an outline heading ("(i)" is the ninth letter or roman one).</summary>
    private static IEnumerable<Candidate> Readings(string raw)
    {
        var line = string.Join(' ', raw.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (SectionHeading().Match(line) is { Success: true } s)
        {
            var key = s.Groups["key"].Value;
            yield return key == "Appendix I" ? new(Level.Section, "App", 5, line) : new(Level.Section, key, RomanValue(key), line);
        }
        else if (UpperHeading().Match(line) is { Success: true } u) yield return new(Level.Letter, u.Groups[1].Value, u.Groups[1].Value[0] - 'A' + 1, line);
        else if (NumberHeading().Match(line) is { Success: true } n) yield return new(Level.Number, n.Groups[1].Value, int.Parse(n.Groups[1].Value), line);
        else if (LowerHeading().Match(line) is { Success: true } l) yield return new(Level.Lower, l.Groups[1].Value, l.Groups[1].Value[0] - 'a' + 1, line);
        else if (NumberParenHeading().Match(line) is { Success: true } np) yield return new(Level.NumberParen, np.Groups[1].Value, int.Parse(np.Groups[1].Value), line);
        else if (LetterParenHeading().Match(line) is { Success: true } lp)
        {
            var key = lp.Groups[1].Value;
            if (key.Length == 1) yield return new(Level.LetterParen, key, key[0] - 'a' + 1, line);
            if (RomanValue(key.ToUpperInvariant()) is > 0 and var r) yield return new(Level.Roman, key, r, line);
        }
    }

    private static bool Accept(List<Open> stack, Candidate c)
    {
        if (c.Level == Level.Section)
            return stack.Count == 0 ? c.Ordinal == 1 : c.Ordinal == stack[0].Ordinal + 1;
        if (stack.Count == 0) return false;
        // Next sibling of an open level, or first child of the innermost one.
        if (stack.Any(open => open.Level == c.Level && c.Ordinal == open.Ordinal + 1)) return true;
        return c.Ordinal == 1 && (int)c.Level == (int)stack[^1].Level + 1;
    }

    private static int RomanValue(string roman) => roman switch
    {
        "I" => 1, "II" => 2, "III" => 3, "IV" => 4, "V" => 5, "VI" => 6, "VII" => 7, "VIII" => 8, "IX" => 9, "X" => 10, _ => 0,
    };

    private static bool IsRunningHeader(string line) =>
        line == "ICD-10-CM Official Guidelines for Coding and Reporting" || FyLine().IsMatch(line) || PageLine().IsMatch(line);

    private static IEnumerable<string> SplitLong(string content)
    {
        if (content.Length <= MaxChunkChars)
        {
            yield return Tidy(content);
            yield break;
        }
        var current = new StringBuilder();
        foreach (var paragraph in content.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > 0 && current.Length + paragraph.Length > MaxChunkChars)
            {
                yield return Tidy(current.ToString());
                current.Clear();
            }
            current.Append(paragraph).Append("\n\n");
        }
        if (current.Length > 0) yield return Tidy(current.ToString());
    }

    /// <summary>Rejoins the layout's hard-wrapped lines into paragraphs.</summary>
    private static string Tidy(string s) =>
        string.Join("\n\n", s.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => string.Join(' ', p.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .Where(p => p.Length > 0));

    [GeneratedRegex(@"^(?:Section (?<key>I|II|III|IV)\.(?:\s|$)|(?<key>Appendix I)\b)")]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"^([A-Z])\.\s+\S")]
    private static partial Regex UpperHeading();

    [GeneratedRegex(@"^(\d{1,2})\.\s+\S")]
    private static partial Regex NumberHeading();

    [GeneratedRegex(@"^([a-z])\.\s+\S")]
    private static partial Regex LowerHeading();

    [GeneratedRegex(@"^(\d{1,2})\)\s+\S")]
    private static partial Regex NumberParenHeading();

    // The FY2026 text once runs the label into its heading ("(iii)Lower respiratory infection", I.C.1.g.1.c.iii): a
    // capital right after the bracket is a heading too.
    [GeneratedRegex(@"^\(([a-z]|ii|iii|iv|v|vi|vii|viii|ix|x)\)(\s+\S|(?=[A-Z]))")]
    private static partial Regex LetterParenHeading();

    [GeneratedRegex(@"\.{4,}\s*\d+$")]
    private static partial Regex TocLine();

    [GeneratedRegex(@"^FY \d{4}$")]
    private static partial Regex FyLine();

    [GeneratedRegex(@"^Page \d+ of \d+$")]
    private static partial Regex PageLine();
}
