using System.Collections.Frozen;

namespace Coding.Core.Engine.Preparation;

/// <summary>
/// Sentence boundaries for clinical text: terminal punctuation followed by a likely sentence start, line breaks
/// (list-like notes, and CodiEsp's one-sentence-per-line files), and section headers. Not split: decimals ("1.6"),
/// list numbers ("1. Type 2 diabetes"), titles and Latin abbreviations ("Dr. Smith", "e.g. Crohn's").
/// </summary>
internal static class SentenceSplitter
{
    // Never end a sentence: the next word belongs to the same one (a name, an example, an alternative).
    private static readonly FrozenSet<string> NonTerminalAbbreviations = FrozenSet.ToFrozenSet(
        ["dr", "mr", "mrs", "prof", "st", "sr", "jr", "vs", "e.g", "i.e", "eg", "ie", "cf", "viz", "approx", "incl", "fig"],
        StringComparer.Ordinal);

    private static readonly System.Buffers.SearchValues<char> Terminators = System.Buffers.SearchValues.Create("\n.!?");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NonTerminalLookup =
        NonTerminalAbbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Returns [start, end) pairs, trimmed, non-empty, in order, never crossing a header boundary.</summary>
    internal static List<(int Start, int End)> Split(string text, IReadOnlyList<NoteSection> sections)
    {
        var spans = new List<(int, int)>(text.Length / 60 + 4);
        // Header spans [Start, BodyStart) are sentences of their own.
        var headers = new List<(int Start, int End)>();
        foreach (var section in sections)
        {
            if (section.BodyStart > section.Start)
                headers.Add((section.Start, section.BodyStart));
        }

        var segmentStart = 0;
        var nextHeader = 0;
        var i = 0;
        while (i < text.Length)
        {
            var headerAt = nextHeader < headers.Count ? headers[nextHeader].Start : text.Length;
            if (i == headerAt)
            {
                Emit(text, segmentStart, i, spans);
                Emit(text, i, headers[nextHeader].End, spans);
                i = segmentStart = headers[nextHeader].End;
                nextHeader++;
                continue;
            }
            // Jump to the next character that can end a sentence (vectorised), but not past the next header.
            var skip = text.AsSpan(i, headerAt - i).IndexOfAny(Terminators);
            if (skip < 0)
            {
                i = headerAt;
                continue;
            }
            i += skip;
            var c = text[i];
            if (c == '\n')
            {
                if (IsLineBreakBoundary(text, segmentStart, i))
                {
                    Emit(text, segmentStart, i, spans);
                    segmentStart = i + 1;
                }
            }
            else if (c is '.' or '!' or '?')
            {
                var end = SentenceEnd(text, segmentStart, i);
                if (end > 0)
                {
                    Emit(text, segmentStart, end, spans);
                    segmentStart = end;
                    i = end;
                    continue;
                }
            }
            i++;
        }
        Emit(text, segmentStart, text.Length, spans);
        return spans;
    }

    private static void Emit(string text, int start, int end, List<(int, int)> spans)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
            start++;
        while (end > start && char.IsWhiteSpace(text[end - 1]))
            end--;
        if (end > start)
            spans.Add((start, end));
    }

    // A line break ends the sentence unless the line was wrapped mid-sentence: the previous line ends in a word,
    // number or comma and the next one continues in lower case.
    private static bool IsLineBreakBoundary(string text, int segmentStart, int newline)
    {
        var previous = newline - 1;
        while (previous >= segmentStart && char.IsWhiteSpace(text[previous]))
            previous--;
        if (previous < segmentStart)
            return true;
        var next = newline + 1;
        while (next < text.Length && text[next] is ' ' or '\t' or '\r')
            next++;
        if (next >= text.Length || text[next] == '\n')
            return true;
        var p = text[previous];
        var continues = char.IsLetterOrDigit(p) || p is ',' or '-' or '(' or '/';
        return !(continues && char.IsLower(text[next])) || StartsWithLabel(text, next);
    }

    // "capillary gas: pH 7.32" opens a new item even in lower case.
    private static bool StartsWithLabel(string text, int start)
    {
        var stop = Math.Min(text.Length, start + 40);
        for (var i = start; i < stop; i++)
        {
            switch (text[i])
            {
                case ':':
                    return true;
                case '\n' or '.' or ',' or ';' or '(':
                    return false;
            }
        }
        return false;
    }

    /// <summary>The exclusive end of a sentence closed by the mark at <paramref name="mark"/>, or -1.</summary>
    private static int SentenceEnd(string text, int segmentStart, int mark)
    {
        var end = mark + 1;
        while (end < text.Length && text[end] is '.' or '!' or '?' or ')' or ']' or '"' or '\'' or '\u201D' or '\u2019')
            end++;
        if (end < text.Length && !char.IsWhiteSpace(text[end]))
            return -1; // "1.6", "e.g.,", "U.S.A"
        var next = end;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            if (text[next] == '\n')
                return end; // the line break would split here anyway
            next++;
        }
        if (next >= text.Length)
            return end;
        if (text[mark] != '.')
            return end;
        if (!StartsSentence(text[next]))
            return -1;

        var wordStart = mark;
        while (wordStart > segmentStart && (char.IsLetterOrDigit(text[wordStart - 1]) || (text[wordStart - 1] == '.' && wordStart - 2 >= segmentStart && char.IsLetter(text[wordStart - 2]))))
            wordStart--;
        var word = text.AsSpan(wordStart, mark - wordStart);
        if (word.IsEmpty)
            return end;
        if (IsListNumber(text, segmentStart, wordStart, word))
            return -1;
        if (word.Length == 1 && char.IsUpper(word[0]))
            return -1; // an initial: "J. Smith"
        Span<char> lower = stackalloc char[Math.Min(word.Length, 16)];
        if (word.Length <= 16)
        {
            word.ToLowerInvariant(lower);
            if (NonTerminalLookup.Contains(lower))
                return -1;
        }
        return end;
    }

    private static bool StartsSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '(' or '[' or '"' or '\'' or '\u201C' or '-' or '*' or '\u2022' or '#';

    // "1." at the start of a segment (after a line break, a header or a previous sentence) numbers a list item.
    private static bool IsListNumber(string text, int segmentStart, int wordStart, ReadOnlySpan<char> word)
    {
        if (word.Length > 2)
            return false;
        foreach (var c in word)
        {
            if (!char.IsAsciiDigit(c) && !(word.Length == 1 && char.IsAsciiLetter(c)))
                return false;
        }
        for (var i = wordStart - 1; i >= segmentStart; i--)
        {
            if (text[i] == ':' || text[i] == '\n')
                return true;
            if (!char.IsWhiteSpace(text[i]))
                return false;
        }
        return true;
    }
}
