using Coding.Core.Codebooks.Parsing;
using Coding.Core.Suggestions;

namespace Coding.Core.Engine.Claims;

/// <summary>
/// Which definitive diagnoses a Chapter 18 symptom is routinely part of (Guidelines I.B.4-5). Chapter 18's blocks are
/// grouped by body system (R00-R09 circulatory and respiratory, R10-R19 digestive and abdomen, R20-R23 skin, R25-R29
/// nervous and musculoskeletal, R30-R39 urinary, R40-R46 cognition and emotion, R47-R49 speech, R50-R69 general); a
/// symptom is integral to a diagnosis of the chapters of its system, and to infections (fever, cough) and neoplasms of
/// that system. General symptoms (fever, pain, fatigue, malaise, weight loss) belong to the infections, neoplasms and
/// conditions that cause them. The table is deliberately by block, not by single note: a coder drops "cough" beside
/// pneumonia and keeps it beside a fracture. A block is narrowed where the Tabular or I.B.6 says otherwise: chest pain
/// belongs to ischaemic, pericardial, pulmonary-embolic, pleural and oesophageal disease, not to hypertension or reflux; dysphagia
/// to oesophageal and neuromuscular disease, not to reflux; urinary symptoms are not part of chronic kidney disease, and
/// N40.1 asks for them ("use additional code for associated symptoms"); somnolence and confusion belong to
/// encephalopathy, seizures, dementia and stroke, not to every nervous-system code (mild cognitive impairment).
/// The first row whose range holds the symptom decides, so R13 has its own row before R10-R19's.
/// </summary>
public static class SymptomSystems
{
    private static readonly (string From, string To, string[] Related)[] Blocks =
    [
        ("R00", "R03", ["I", "Q2", "E05", "D5", "D6", "E86", "E87"]),
        ("R04", "R04", ["J", "I", "C3", "D02", "D38"]),
        ("R05", "R06", ["J", "I", "A15", "A16", "A37", "B33", "B34", "B97", "U07", "C3", "D02", "D38", "D5", "D6", "E66", "F41"]),
        ("R07", "R07", ["I20", "I21", "I22", "I23", "I24", "I25", "I26", "I30", "I31", "I40", "I71", "J12", "J13", "J14", "J15", "J16", "J18", "J90", "J93",
            "K22", "M94", "S2"]),
        ("R09", "R09", ["J", "I", "U07"]),
        ("R13", "R13", ["C15", "C16.0", "C32", "K20", "K22", "G12.2", "G70", "G35"]),
        ("R10", "R19", ["K", "A0", "B15", "B16", "B17", "B18", "B19", "C15", "C16", "C17", "C18", "C19", "C20", "C21", "C22", "C23", "C24", "C25", "C26",
            "N1", "N2", "N3", "N7", "N8", "N9", "O", "E10.1", "E11.1", "E13.1", "T4", "T5", "G43", "I85", "I86"]),
        ("R20", "R23", ["L", "B0", "T78", "G5", "G6", "E11.4", "E10.4", "E13.4", "I8", "I7"]),
        ("R25", "R29", ["G", "M", "I6", "S", "F0", "E11.4", "E10.4"]),
        ("R30", "R39", ["N0", "N10", "N11", "N12", "N13", "N15", "N17", "N2", "N30", "N31", "N32", "N34", "N35", "N36", "N39", "N41", "N7",
            "C61", "C64", "C65", "C66", "C67", "D41"]),
        ("R40", "R41", ["F", "G93.1", "G93.4", "G93.5", "G93.6", "G92", "G0", "G30", "G31.0", "G31.1", "G31.83", "G40", "G41", "G45", "G46", "G91",
            "I6", "T", "S06", "E16", "E87", "E10.6", "E11.6", "E10.1", "E11.1"]),
        ("R42", "R42", ["H81", "H83", "I6", "G", "I95", "E86", "D5", "D6"]),
        ("R43", "R46", ["F", "G", "I6", "J0", "J3"]),
        ("R47", "R49", ["I6", "G", "J37", "J38", "C32"]),
        ("R50", "R50", ["A", "B", "J", "N1", "N30", "N39", "N7", "K35", "K57", "K61", "K63", "K65", "K80", "K81", "K83", "K85", "L0", "G0", "M00", "M86",
            "H66", "H65", "U07", "I33", "I30", "T80", "T81.4", "T82.7", "T83.5", "T84.5", "T85.7", "C8", "C9"]),
        ("R51", "R51", ["G43", "G44", "I6", "G0", "A8", "J01", "B34", "U07", "J10", "J11", "S06"]),
        ("R52", "R52", ["A", "B", "C", "D", "E", "G", "I", "J", "K", "L", "M", "N", "O", "S", "T"]),
        ("R53", "R53", ["D5", "D6", "E0", "E1", "E2", "E3", "E4", "E5", "E6", "E86", "E87", "F3", "G93.3", "I50", "N18", "C", "B20", "U07", "J10", "J11", "B27"]),
        ("R54", "R54", []),
        ("R55", "R55", ["I4", "I95", "I35", "E86", "E16"]),
        ("R56", "R56", ["G40", "G41", "E16", "E87"]),
        ("R57", "R57", []),
        ("R58", "R58", []),
        ("R59", "R59", ["C8", "C9", "B2", "D8", "L0"]),
        ("R60", "R60", ["I50", "I11.0", "I13", "I87", "I80", "I82", "N0", "N18", "K7", "E03", "L03"]),
        ("R61", "R61", ["E05", "N95"]),
        ("R62", "R64", ["C", "E0", "E4", "E1", "F50", "F3", "K5", "B20", "A15"]),
        ("R65", "R65", []),
        ("R68", "R68", []),
        ("R69", "R69", ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "S", "T"]),
    ];

    /// <summary>Codes the Tabular or Guidelines ask for beside a diagnosis, never dropped as integral.</summary>
    private static readonly string[] Kept = ["R40.2", "R29.7", "R45.851", "R65", "R54", "R57", "R58", "R68", "R64"];

    public static bool IsIntegralCandidate(string code) =>
        code.Length >= 3 && code[0] == 'R' && string.CompareOrdinal(code[..3], "R70") < 0
        && CodeFormat.Display(CodeSystem.Icd10Cm, code) is var dotted && !Kept.Any(k => dotted.StartsWith(k, StringComparison.Ordinal));

    /// <summary>The symptom <paramref name="symptom"/> is routinely part of <paramref name="diagnosis"/>'s condition.</summary>
    public static bool Related(string symptom, string diagnosis)
    {
        var category = symptom[..3];
        var dotted = CodeFormat.Display(CodeSystem.Icd10Cm, diagnosis);
        foreach (var (from, to, related) in Blocks)
        {
            if (string.CompareOrdinal(category, from) >= 0 && string.CompareOrdinal(category, to) <= 0)
                return related.Any(r => dotted.StartsWith(r, StringComparison.Ordinal));
        }
        return false;
    }
}
