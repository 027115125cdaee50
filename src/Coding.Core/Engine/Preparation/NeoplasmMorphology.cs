namespace Coding.Core.Engine.Preparation;

/// <summary>
/// Morphology words the Alphabetic Index sends to a column of the Neoplasm Table: "Adenoma — see also Neoplasm, benign,
/// by site", "Seminoma, specified site — see Neoplasm, malignant, by site", "Paraganglioma — see Neoplasm, uncertain
/// behavior", "Liposarcoma — see Neoplasm, connective tissue, malignant". A note writes "adrenal adenoma" or
/// "retroperitoneal liposarcoma", never the column's name, so such a word also carries the column word the Table's
/// cells are keyed with (<c>TermKeys</c>: "benign", "cancer", "uncertain behavior"), and the words of the
/// "connective tissue" rows when the Index sends it there. The lists are the FY2023 Index's one-word main terms with
/// such a cross reference (the newest complete Index XML; see shared/codebooks/README.md); words that are already
/// column words themselves (carcinoma, adenocarcinoma, cancer, malignancy) are not repeated.
/// </summary>
public static class NeoplasmMorphology
{
    private const string Malignant = "cancer";
    private const string Benign = "benign";
    private const string Uncertain = "uncertain behavior";
    private const string Connective = "connective tissue ";

    private static readonly (string Column, string[] Words)[] Columns =
    [
        (Malignant, ["adenoacanthoma", "adenocarcinoid", "adenosarcoma", "astroblastoma", "astroglioma", "blastoma", "cancerous", "carcinosarcoma",
            "choriocarcinoma", "cylindroma", "cystadenocarcinoma", "diktyoma", "dysgerminoma", "ependymoblastoma", "ependymoma", "gastrocarcinoma",
            "gemistocytoma", "germinoma", "glioblastoma", "gliosarcoma", "lymphoepithelioma", "medulloblastoma", "medulloepithelioma",
            "medullomyoblastoma", "mesonephroma", "neuroblastoma", "neuroepithelioma", "oligoastrocytoma", "oligodendroblastoma",
            "oligodendroglioma", "pheochromoblastoma", "polyembryoma", "seminoma", "spermatocytoma", "spongioblastoma", "spongioneuroblastoma",
            "sympathicoblastoma", "teratoblastoma", "teratocarcinoma", "vipoma", "xanthoastrocytoma"]),
        (Benign, ["adenofibroma", "adenolipoma", "adenolymphoma", "adenoma", "adenomatosis", "adenomyoma", "angiofibroma", "chromaffinoma",
            "cystadenofibroma", "cystadenoma", "cystoma", "dermoid", "fibroangioma", "hemangiofibroma", "lipoadenoma", "myoepithelioma",
            "neurocytoma", "oncocytoma", "papilloma", "papillomatosis", "pheochromocytoma", "progonoma", "prolactinoma"]),
        (Uncertain, ["androblastoma", "angioendothelioma", "apudoma", "argentaffinoma", "arrhenoblastoma", "embryoma", "ganglioglioma",
            "gastrinoma", "glioneuroma", "gonadoblastoma", "gonocytoma", "gynandroblastoma", "hemangioendothelioma", "neuroastrocytoma",
            "neuroglioma", "paraganglioma", "subependymoma", "teratoma", "tumorlet"]),
        (Connective + Malignant, ["angiomyoliposarcoma", "angiomyosarcoma", "angiosarcoma", "fibroliposarcoma", "fibromyxosarcoma", "fibrosarcoma",
            "fibroxanthosarcoma", "glomangiosarcoma", "hemangiosarcoma", "leiomyosarcoma", "lipomyxosarcoma", "liposarcoma", "lymphangiosarcoma",
            "myosarcoma", "myxofibrosarcoma", "myxoliposarcoma", "myxosarcoma", "rhabdomyosarcoma", "sarcoma", "synoviosarcoma", "synovioma"]),
        (Connective + Benign, ["angioleiomyoma", "angiomyoma", "elastofibroma", "fibroid", "fibroma", "fibromyoma", "fibromyxoma", "fibroxanthoma",
            "leiomyoblastoma", "leiomyofibroma", "leiomyoma", "myofibroma", "myoma", "myxofibroma", "myxoma", "rhabdomyoma", "xanthofibroma"]),
        (Connective + Uncertain, ["angioblastoma", "angiomyxoma", "desmoid", "hemangioblastoma", "hemangiopericytoma", "mesenchymoma"]),
    ];

    /// <summary>Each morphology word (its key) and the column words it also stands for.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ColumnWords() =>
        Columns.SelectMany(c => c.Words.Select(w => KeyValuePair.Create(TermNormalizer.Key(w), c.Column)));
}
