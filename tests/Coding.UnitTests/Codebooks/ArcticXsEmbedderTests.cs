using Coding.Core.Codebooks.Embeddings;

namespace Coding.UnitTests.Codebooks;

/// <summary>
/// The packaged arctic-embed-xs model on a handful of texts (a few seconds): it has to place a lay phrasing nearer the
/// clinical title it means than titles it does not, which the hashing embedder cannot do.
/// </summary>
public class ArcticXsEmbedderTests
{
    private static readonly ArcticXsEmbedder Embedder = new(new EmbedderOptions());

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    [Fact]
    public async Task lay_words_land_nearest_the_clinical_title_they_mean()
    {
        string[] titles =
        [
            "Type 2 diabetes mellitus with diabetic neuropathy, unspecified",
            "Acute myocardial infarction, unspecified",
            "Essential (primary) hypertension",
            "Nausea with vomiting, unspecified",
        ];
        string[] queries = ["high blood sugar with nerve damage", "heart attack", "high blood pressure", "throwing up"];
        var t = await Embedder.EmbedAsync(titles, default);
        var q = await Embedder.EmbedAsync(queries.Select(Embedder.AsQuery).ToArray(), default);
        for (var i = 0; i < queries.Length; i++)
        {
            var best = Enumerable.Range(0, titles.Length).MaxBy(j => Cosine(q[i], t[j]));
            Assert.True(best == i, $"'{queries[i]}' is nearest '{titles[best]}'");
        }
    }

    [Fact]
    public async Task vectors_are_unit_length_with_the_models_width()
    {
        var v = (await Embedder.EmbedAsync(["Chronic kidney disease, stage 3b"], default))[0];
        Assert.Equal(ArcticXsEmbedder.ModelDimension, v.Length);
        Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 3);
    }
}
