namespace Coding.Core.Engine.Preparation;

/// <summary>
/// A note split into sections, sentences and tokens, all with exact [start, end) offsets into <see cref="Text"/>.
/// Immutable once built, so one instance can be shared by every engine stage (and thread).
/// </summary>
public sealed class PreparedNote
{
    private readonly NoteSection[] _sections;
    private readonly Sentence[] _sentences;
    private readonly Token[] _tokens;
    private readonly TriggerMatch[] _triggers;
    private readonly int[] _firstTriggerOfSentence;

    internal PreparedNote(string text, NoteSection[] sections, Sentence[] sentences, Token[] tokens, TriggerMatch[] triggers)
    {
        Text = text;
        _sections = sections;
        _sentences = sentences;
        _tokens = tokens;
        _triggers = triggers;
        // Triggers arrive ordered by sentence; index where each sentence's run starts (length + 1 for the end).
        _firstTriggerOfSentence = new int[sentences.Length + 1];
        var t = 0;
        for (var s = 0; s < sentences.Length; s++)
        {
            _firstTriggerOfSentence[s] = t;
            while (t < triggers.Length && triggers[t].SentenceId == s)
                t++;
        }
        _firstTriggerOfSentence[sentences.Length] = t;
    }

    public string Text { get; }
    public IReadOnlyList<NoteSection> Sections => _sections;
    public IReadOnlyList<Sentence> Sentences => _sentences;
    public IReadOnlyList<Token> Tokens => _tokens;

    /// <summary>The sentence whose span contains <paramref name="offset"/>, or -1 (whitespace between sentences).</summary>
    public int SentenceIndexAt(int offset)
    {
        int lo = 0, hi = _sentences.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = _sentences[mid];
            if (offset < s.Start)
                hi = mid - 1;
            else if (offset >= s.End)
                lo = mid + 1;
            else
                return mid;
        }
        return -1;
    }

    /// <summary>The section containing <paramref name="offset"/>, or null (only for offsets in leading/trailing whitespace).</summary>
    public NoteSection? SectionAt(int offset)
    {
        int lo = 0, hi = _sections.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = _sections[mid];
            if (offset < s.Start)
                hi = mid - 1;
            else if (offset >= s.End)
                lo = mid + 1;
            else
                return s;
        }
        return null;
    }

    /// <summary>The tokens of one sentence.</summary>
    public ReadOnlySpan<Token> TokensOf(Sentence sentence) => _tokens.AsSpan(sentence.FirstToken, sentence.TokenCount);

    /// <summary>The tokens that overlap [start, end), as an index range into <see cref="Tokens"/>.</summary>
    public Range TokensOverlapping(int start, int end)
    {
        // First token whose End > start.
        int lo = 0, hi = _tokens.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_tokens[mid].End <= start)
                lo = mid + 1;
            else
                hi = mid;
        }
        var first = lo;
        var last = first;
        while (last < _tokens.Length && _tokens[last].Start < end)
            last++;
        return first..last;
    }

    /// <summary>The text of a sentence (allocates; prefer offsets in hot paths).</summary>
    public string TextOf(Sentence sentence) => Text.Substring(sentence.Start, sentence.Length);

    internal ReadOnlySpan<TriggerMatch> TriggersOf(int sentenceId) =>
        _triggers.AsSpan(_firstTriggerOfSentence[sentenceId], _firstTriggerOfSentence[sentenceId + 1] - _firstTriggerOfSentence[sentenceId]);

    internal ReadOnlySpan<Token> TokenSpan => _tokens;
}
