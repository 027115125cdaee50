using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Coding.Core.Codebooks;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Preparation;

namespace Coding.Core.Engine.Claims;

/// <summary>
/// Poisoning, adverse effect and underdosing codes (T36-T50, T51-T65) from the Table of Drugs and Chemicals: the drug's
/// row, and the column the sentence's words give (Guidelines I.C.19.e.5: an adverse effect of a drug "correctly
/// prescribed and properly administered"; a poisoning when taken in error, overdosed or intentionally; if the intent of a
/// poisoning is unknown or unspecified it is accidental; underdosing when less was taken than prescribed). Notes write
/// "steroid-induced hyperglycemia", "intentional overdose of oxycodone", "underdosing of amlodipine": words the Table's
/// cells ("Oxycodone - Poisoning Intentional self-harm") never meet whole. A drug named with no such words is a
/// medication list entry and gives nothing here. Drugs US notes name that the Table lists only by class (sertraline is a
/// selective serotonin reuptake inhibitor) are read as that class's row. The 7th character is the initial encounter's:
/// these are new events of the encounter, the ranker decides on train whether such a candidate is coded.
/// </summary>
public static partial class DrugEvents
{
    public static CandidateSet Derive(PreparedNote note, CandidateSet set, TermLexicon lexicon)
    {
        var table = Tables.GetValue(lexicon, Build);
        if (table.Rows.Count == 0)
            return set;
        Dictionary<string, Candidate>? added = null;
        var tokens = note.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != TokenKind.Word || !table.ByFirstWord.TryGetValue(tokens[i].Norm, out var names))
                continue;
            foreach (var (words, row) in names)
            {
                if (!Matches(tokens, i, words))
                    continue;
                var last = i + words.Length - 1;
                var sentence = note.Sentences[tokens[i].SentenceId];
                var intent = Intent(note.Text, sentence, tokens[i].Start, tokens[last].End);
                if (intent is null || table.Rows[row][intent.Value] is not { } cell || !table.TermOf.TryGetValue(cell, out var term))
                    break;
                var code = InitialEncounter(cell, lexicon);
                if (code is null || set.Candidates.Any(c => c.Code == code))
                    break;
                added ??= new Dictionary<string, Candidate>(StringComparer.Ordinal);
                if (!added.TryGetValue(code, out var candidate))
                    added[code] = candidate = new Candidate(code, cell, lexicon.Code(code)!.Title);
                var match = new TermMatch(term, sentence.Id, tokens[i].Start, tokens[last].End, Enumerable.Range(i, words.Length).ToArray());
                var section = note.SectionAt(match.Start)?.Kind ?? SectionKind.Unknown;
                candidate.Mentions.Add(new CandidateMention(match, lexicon.TermKeyOf(term), TermKind.Drug, section, AssertionStatus.Present, false));
                break;
            }
        }
        return added is null ? set : set with { Candidates = [.. set.Candidates, .. added.Values] };
    }

    /// <summary>
    /// The Table column the words around a drug give: 1 accidental, 2 intentional self-harm, 5 adverse effect, 6
    /// underdosing (3 assault and 4 undetermined need words no rule here reads); null when they name no such event. Only
    /// words near the drug count, so "naloxone given for a suspected opioid overdose" poisons no one with naloxone.
    /// </summary>
    public static int? Intent(string text, Sentence sentence, int start, int end)
    {
        var before = text[Math.Max(sentence.Start, start - 40)..start];
        var after = text[end..Math.Min(sentence.End, end + 30)];
        var near = before + " " + after;
        if (Underdosing().IsMatch(near))
            return 6;
        if (Poisoning().IsMatch(near))
            return SelfHarm().IsMatch(text[sentence.Start..sentence.End]) ? 2 : 1;
        // The cause named right before the drug ("due to prednisone", "secondary to supratherapeutic tacrolimus") or the
        // effect word right after it ("steroid-induced", "(dexamethasone)-induced"), or the words "adverse effect".
        return CauseBefore().IsMatch(before) || EffectAfter().IsMatch(after) || AdverseEffect().IsMatch(near) ? 5 : null;
    }

    private static bool Matches(IReadOnlyList<Token> tokens, int first, string[] words)
    {
        if (first + words.Length > tokens.Count)
            return false;
        for (var w = 0; w < words.Length; w++)
        {
            if (tokens[first + w].Norm != words[w] || tokens[first + w].SentenceId != tokens[first].SentenceId)
                return false;
        }
        return true;
    }

    /// <summary>The billable initial-encounter code of a Table cell (T40.2X5 → T40.2X5A, T58.01 → T58.01XA).</summary>
    private static string? InitialEncounter(string cell, TermLexicon lexicon)
    {
        var code = cell.PadRight(6, 'X') + "A";
        return lexicon.Code(code) is { Billable: true } ? code : lexicon.Code(cell) is { Billable: true } ? cell : null;
    }

    /// <summary>Each row's cell codes by column; the rows by their name's first word; a lexicon term of each cell code (the evidence's term).</summary>
    private sealed record Table(List<string?[]> Rows, Dictionary<string, List<(string[] Words, int Row)>> ByFirstWord, Dictionary<string, int> TermOf);

    private static readonly ConditionalWeakTable<TermLexicon, Table> Tables = new();

    private static readonly string[] Columns =
        ["", "Poisoning Accidental (unintentional)", "Poisoning Intentional self-harm", "Poisoning Assault", "Poisoning Undetermined", "Adverse effect", "Underdosing"];

    /// <summary>
    /// Names US notes use for a row the Table lists by class (Table: "Antidepressant, selective serotonin reuptake
    /// inhibitor"; "Blockers, calcium channel"; "Glucocorticoids"; "Opioid NEC"; "Antineoplastic NEC").
    /// </summary>
    private static readonly (string Row, string[] Names)[] ClassNames =
    [
        ("Antidepressant - selective serotonin reuptake inhibitor", ["ssri", "sertraline", "fluoxetine", "citalopram", "escitalopram", "paroxetine"]),
        ("Antidepressant - selective serotonin norepinephrine reuptake inhibitor", ["snri", "venlafaxine", "duloxetine", "desvenlafaxine"]),
        ("Blockers, calcium channel", ["amlodipine", "felodipine", "calcium channel blocker"]),
        ("Glucocorticoids", ["steroid", "steroids", "corticosteroids", "glucocorticoid"]),
        ("Opioid NEC", ["opioid", "opioids", "opiate", "opiates"]),
        ("Antineoplastic NEC", ["chemotherapy", "antineoplastic chemotherapy", "chemo"]),
        ("Anti-inflammatory drug NEC - nonsteroidal NEC", ["nsaid", "nsaids"]),
        ("Antiviral drug NEC", ["antiretroviral", "antiretrovirals", "antiretroviral therapy"]),
    ];

    private static Table Build(TermLexicon lexicon)
    {
        var rows = new List<string?[]>();
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var term in lexicon.SourceTerms)
        {
            if (term.Kind != TermKind.Drug)
                continue;
            var cut = term.Text.LastIndexOf(" - ", StringComparison.Ordinal);
            var column = cut < 0 ? -1 : Array.IndexOf(Columns, term.Text[(cut + 3)..]);
            if (column < 1)
                continue;
            var name = term.Text[..cut];
            if (!byName.TryGetValue(name, out var row))
            {
                byName[name] = row = rows.Count;
                rows.Add(new string?[Columns.Length]);
            }
            rows[row][column] ??= term.Code;
        }
        var termOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var t = 0; t < lexicon.Terms.Count; t++)
        {
            if (lexicon.Terms[t].Code[0] == 'T')
                termOf.TryAdd(lexicon.Terms[t].Code, t);
        }
        var byFirstWord = new Dictionary<string, List<(string[], int)>>(StringComparer.Ordinal);
        void Add(string name, int row)
        {
            var words = Words().Matches(name.ToLowerInvariant()).Select(m => m.Value).ToArray();
            if (words.Length == 0)
                return;
            if (!byFirstWord.TryGetValue(words[0], out var list))
                byFirstWord[words[0]] = list = [];
            list.Add((words, row));
        }
        foreach (var (name, row) in byName)
        {
            // Rows of their own ("Oxycodone", "Fentanyl (analogs)"), not sub-rows ("Insulin - human"): notes name the drug.
            if (!name.Contains(" - ", StringComparison.Ordinal))
                Add(Parenthetical().Replace(name, "").Trim(), row);
        }
        foreach (var (rowName, names) in ClassNames)
        {
            if (byName.TryGetValue(rowName, out var row))
                foreach (var n in names)
                    Add(n, row);
        }
        // The longest name first, so "insulin glargine" is read before "insulin".
        foreach (var list in byFirstWord.Values)
            list.Sort((a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
        return new Table(rows, byFirstWord, termOf);
    }

    [GeneratedRegex(@"\b(underdos\w*|ran out|run out|stopped (taking|all|his|her)|not taking|missed (\w+ )?doses|non-?adheren\w*|non-?complian\w*|skipped)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Underdosing();

    [GeneratedRegex(@"\b(overdos\w*|poisoning|ingestion|ingested|took extra|double dose|in error)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Poisoning();

    [GeneratedRegex(@"\b(intentional(ly)?|suicid\w*|self-harm|deliberate(ly)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SelfHarm();

    [GeneratedRegex(@"\b(due to|secondary to|attributed to|caused by)\b[^.;:]*$", RegexOptions.IgnoreCase)]
    private static partial Regex CauseBefore();

    [GeneratedRegex(@"^\W{0,3}(induced|associated)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EffectAfter();

    [GeneratedRegex(@"\b(adverse (effect|reaction)|side effect)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AdverseEffect();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthetical();

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex Words();
}
