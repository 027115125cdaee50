using System.Collections.Frozen;

namespace Coding.Core.Engine.Preparation;

/// <summary>
/// The one place that decides how a word is compared. Note tokens and codebook terms must both go through it,
/// otherwise "Allergies" in a note and "allergy" in the index never meet.
/// </summary>
public static class TermNormalizer
{
    private const char Latin1First = '\u00C0';
    private const char LatinExtALast = '\u017F';

    // One folded char per code point in U+00C0..U+017F; '\0' where the fold is not a single char (see FoldMany).
    private static readonly char[] DiacriticFold = BuildFoldTable();

    // Words whose final "s" is not a plural; stripping it would make them collide with nothing useful
    // ("diabetes" -> "diabete") or with a different word ("aids" -> "aid").
    private static readonly FrozenSet<string> KeepAsIs = FrozenSet.ToFrozenSet(
    [
        "diabetes", "herpes", "rabies", "scabies", "mumps", "measles", "rickets", "series", "species", "feces", "faeces",
        "caries", "ascites", "pancreas", "biceps", "triceps", "quadriceps", "lens", "pubes", "aids", "always", "bias",
        "atlas", "alias", "canvas", "gas",
    ], StringComparer.Ordinal);

    // Latin and English irregular plurals common in clinical text.
    private static readonly FrozenDictionary<string, string> Irregular = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["emboli"] = "embolus", ["thrombi"] = "thrombus", ["calculi"] = "calculus", ["fungi"] = "fungus",
        ["bronchi"] = "bronchus", ["nuclei"] = "nucleus", ["bacilli"] = "bacillus", ["stimuli"] = "stimulus",
        ["testes"] = "testis", ["ova"] = "ovum", ["bacteria"] = "bacterium", ["diverticula"] = "diverticulum",
        ["feet"] = "foot", ["teeth"] = "tooth", ["children"] = "child", ["women"] = "woman", ["men"] = "man",
        ["femurs"] = "femur", ["indices"] = "index", ["appendices"] = "appendix", ["cervices"] = "cervix",
        ["phalanges"] = "phalanx", ["metastases"] = "metastasis", ["diagnoses"] = "diagnosis",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // The verbs the External Cause Index keys its main terms on ("Fall, falling", "Slipping", "Tripping", "Stumbling",
    // "Bite, bitten by"), in the tenses notes tell an event in: "slipped on ice" is the Index's "Slipping, on, ice" (W00.0).
    private static readonly FrozenDictionary<string, string> MechanismVerbs = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["fell"] = "fall", ["falling"] = "fall", ["slipped"] = "slipping", ["tripped"] = "tripping", ["stumbled"] = "stumbling",
        ["bitten"] = "bite",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Lower-case with diacritics removed ("Crohn’s" → "crohn's", "Sjögren" → "sjogren").</summary>
    public static string Fold(ReadOnlySpan<char> text)
    {
        if (!text.ContainsAnyExceptInRange((char)0, (char)0x7F))
            return AsciiLower(text);

        var needsGrowth = false;
        foreach (var c in text)
        {
            if (FoldMany(c) is not null)
            {
                needsGrowth = true;
                break;
            }
        }
        if (!needsGrowth)
        {
            return string.Create(text.Length, text, static (dest, src) =>
            {
                for (var i = 0; i < src.Length; i++)
                    dest[i] = FoldOne(src[i]);
            });
        }

        var builder = new System.Text.StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if (FoldMany(c) is { } many)
                builder.Append(many);
            else
                builder.Append(FoldOne(c));
        }
        return builder.ToString();
    }

    /// <summary>
    /// The matching key of an already folded word: possessive and plural endings removed by a handful of rules
    /// ("allergies" → "allergy", "stenoses" → "stenosis", "kidneys" → "kidney"). Deliberately not a full stemmer:
    /// a stemmer merges words coders keep apart ("infection"/"infected"), and both sides only need to agree.
    /// </summary>
    public static string Key(string folded)
    {
        var word = AmericanSpelling(folded);
        if (word.Length > 2 && word.EndsWith("'s", StringComparison.Ordinal))
            word = word[..^2];
        if (word.Length > 3 && word[^1] is 'd' or 'g' or 'l' or 'n' && MechanismVerbs.TryGetValue(word, out var verb))
            return verb;
        // Most words end in a letter no rule below touches: leave before any lookup.
        if (word.Length <= 3 || word[^1] is not ('s' or 'i' or 'a' or 'e' or 't' or 'n'))
            return word;
        if (Irregular.TryGetValue(word, out var irregular))
            return irregular;
        if (word[^1] is not ('s' or 'e'))
            return word;
        if (KeepAsIs.Contains(word))
            return word;
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
            return string.Concat(word.AsSpan(0, word.Length - 3), "y");
        if (word.EndsWith("oses", StringComparison.Ordinal) && word.Length >= 7)
            return string.Concat(word.AsSpan(0, word.Length - 2), "is");
        if (word.EndsWith("sses", StringComparison.Ordinal)
            || (word.EndsWith("uses", StringComparison.Ordinal) && word.Length >= 7)
            || word.EndsWith("ches", StringComparison.Ordinal)
            || word.EndsWith("shes", StringComparison.Ordinal)
            || word.EndsWith("xes", StringComparison.Ordinal)
            || word.EndsWith("zes", StringComparison.Ordinal))
            return word[..^2];
        if (word.EndsWith("ae", StringComparison.Ordinal) && word.Length >= 6)
            return word[..^1];
        if (word[^1] == 's' && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal)
            && !word.EndsWith("is", StringComparison.Ordinal))
            return word[..^1];
        return word;
    }

    /// <summary>
    /// British medical spellings as the (American) codebook writes them: translated notes say "oedema", "haemorrhage",
    /// "anaemia", "tumour", "oesophagus", "leucocytosis", "diarrhoea", and must meet "edema", "hemorrhage", "anemia",
    /// "tumor", "esophagus", "leukocytosis", "diarrhea". Only the digraphs medical British English uses (ae, oe) and
    /// "tumour"/"leuc" are touched, and only where American English has no such spelling ("toe", "does" keep theirs).
    /// </summary>
    public static string AmericanSpelling(string word)
    {
        if (word.Length < 5)
            return word;
        if (word.Contains("ae", StringComparison.Ordinal))
        {
            // haem-, anaem-, -aemia, paed-, gynaec-, caec-, faec-, aetiology: the "a" goes.
            foreach (var (british, american) in AeSpellings)
            {
                if (word.Contains(british, StringComparison.Ordinal))
                    word = word.Replace(british, american, StringComparison.Ordinal);
            }
        }
        if (word.Contains("oe", StringComparison.Ordinal))
        {
            if (word.StartsWith("oe", StringComparison.Ordinal))
                word = word[1..];                                   // oedema, oesophagus, oestrogen
            else if (word.Contains("oea", StringComparison.Ordinal))
                word = word.Replace("oea", "ea", StringComparison.Ordinal);   // diarrhoea, dyspnoea, apnoea
            else if (word.StartsWith("foet", StringComparison.Ordinal) || word.StartsWith("coeli", StringComparison.Ordinal))
                word = word.Remove(1, 1);                                    // foetal, coeliac
        }
        if (word.StartsWith("tumour", StringComparison.Ordinal))
            word = word.Remove(4, 1);
        if (word.StartsWith("leuc", StringComparison.Ordinal))
            word = string.Concat("leuk", word.AsSpan(4));
        // Both are American: the Index writes "Distension, distention", the titles "distension", the notes either.
        if (word.StartsWith("distension", StringComparison.Ordinal))
            word = string.Concat("distention", word.AsSpan(10));
        return word;
    }

    private static readonly (string British, string American)[] AeSpellings =
    [
        ("haem", "hem"), ("aemia", "emia"), ("aemic", "emic"), ("paed", "ped"), ("gynaec", "gynec"), ("caec", "cec"),
        ("faec", "fec"), ("aetiolog", "etiolog"), ("naesth", "nesth"),
    ];

    /// <summary>
    /// Keys of every word and number in a phrase, in order — what a codebook term is indexed under. Abbreviations are
    /// not expanded here (codebook text spells terms out); note tokens carry their expansion in <see cref="Token.MatchKeys"/>.
    /// </summary>
    public static IReadOnlyList<string> Keys(string phrase)
    {
        var keys = new List<string>();
        foreach (var token in Tokenizer.Tokenize(phrase))
        {
            if (token.Kind != TokenKind.Punctuation)
                keys.Add(token.Key);
        }
        return keys;
    }

    // One pass: most words are ASCII, many capitalised.
    private static string AsciiLower(ReadOnlySpan<char> text)
    {
        if (!text.ContainsAnyInRange('A', 'Z'))
            return new string(text);
        Span<char> buffer = text.Length <= 128 ? stackalloc char[text.Length] : new char[text.Length];
        System.Text.Ascii.ToLower(text, buffer, out _);
        return new string(buffer);
    }

    private static char FoldOne(char c)
    {
        if (c < 0x80)
            return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        if (c >= Latin1First && c <= LatinExtALast && DiacriticFold[c - Latin1First] != '\0')
            return DiacriticFold[c - Latin1First];
        return c switch
        {
            '\u2019' or '\u2018' => '\'',
            _ => char.ToLowerInvariant(c),
        };
    }

    private static string? FoldMany(char c) => c switch
    {
        'Æ' or 'æ' => "ae",
        'Œ' or 'œ' => "oe",
        'ß' => "ss",
        'Þ' or 'þ' => "th",
        _ => null,
    };

    private static char[] BuildFoldTable()
    {
        var table = new char[LatinExtALast - Latin1First + 1];
        (string From, char To)[] groups =
        [
            ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", 'a'), ("ÇçĆćĈĉĊċČč", 'c'), ("ĎďĐđÐð", 'd'), ("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", 'e'),
            ("ĜĝĞğĠġĢģ", 'g'), ("ĤĥĦħ", 'h'), ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", 'i'), ("Ĵĵ", 'j'), ("Ķķ", 'k'),
            ("ĹĺĻļĽľĿŀŁł", 'l'), ("ÑñŃńŅņŇňŉ", 'n'), ("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", 'o'), ("ŔŕŖŗŘř", 'r'),
            ("ŚśŜŝŞşŠšſ", 's'), ("ŢţŤťŦŧ", 't'), ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", 'u'), ("Ŵŵ", 'w'), ("ÝýÿŶŷŸ", 'y'),
            ("ŹźŻżŽž", 'z'),
        ];
        foreach (var (from, to) in groups)
        {
            foreach (var c in from)
                table[c - Latin1First] = to;
        }
        return table;
    }
}
