using CtcAlign.Acoustic;
using CtcAlign.Tests.Audio;

namespace CtcAlign.Tests.Acoustic;

public sealed class ModelPrecisionTests : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    private string PackageWith(string precisionsJson, bool copyGraph = true)
    {
        var dir = ModelFixtures.CopyOf(ModelFixtures.CtcAlignPackage, _media, "p" + Guid.NewGuid().ToString("N")[..8]);
        var json = Path.Combine(dir, "ctcalign-model.json");
        var text = File.ReadAllText(json).TrimEnd();
        File.WriteAllText(json, text[..^1] + ", \"precisions\": " + precisionsJson + "}");
        if (copyGraph)
            File.Copy(Path.Combine(dir, "model.onnx"), Path.Combine(dir, "model.int8.onnx"));
        return dir;
    }

    [Fact]
    public void Auto_takes_the_int8_graph_where_the_package_lists_one()
    {
        var package = ModelPackage.Load(PackageWith("""{"int8": "model.int8.onnx"}"""));

        Assert.Equal(ModelPrecision.Int8, package.Resolve(ModelPrecision.Auto));
        Assert.Equal(ModelPrecision.Float32, package.Resolve(ModelPrecision.Float32));
        Assert.Equal(Path.Combine(package.Directory, "model.int8.onnx"), package.OnnxPathFor(ModelPrecision.Auto));
        Assert.Equal(package.OnnxPath, package.OnnxPathFor(ModelPrecision.Float32));
        using var model = OnnxFrameModel.Create(package, new OnnxFrameModelOptions(InferenceDevice.Cpu, 1));
        Assert.Equal(ModelPrecision.Int8, model.Precision);
    }

    [Fact]
    public void On_cuda_auto_is_the_float_graph_and_an_explicit_precision_is_kept()
    {
        var package = ModelPackage.Load(PackageWith("""{"int8": "model.int8.onnx"}"""));

        Assert.Equal(ModelPrecision.Float32, OnnxFrameModel.PrecisionOn(InferenceDevice.Cuda, ModelPrecision.Auto, package));
        Assert.Equal(ModelPrecision.Int8, OnnxFrameModel.PrecisionOn(InferenceDevice.Cuda, ModelPrecision.Int8, package));
        Assert.Equal(ModelPrecision.Float32, OnnxFrameModel.PrecisionOn(InferenceDevice.Cuda, ModelPrecision.Float32, package));
        Assert.Equal(ModelPrecision.Int8, OnnxFrameModel.PrecisionOn(InferenceDevice.Cpu, ModelPrecision.Auto, package));
        Assert.Equal(ModelPrecision.Float32, OnnxFrameModel.PrecisionOn(InferenceDevice.Cpu, ModelPrecision.Float32, package));
    }

    [Fact]
    public void On_cuda_an_int8_request_without_an_int8_graph_is_an_error_too()
    {
        var package = ModelPackage.Load(ModelFixtures.CtcAlignPackage);

        Assert.Equal(ModelPrecision.Float32, OnnxFrameModel.PrecisionOn(InferenceDevice.Cuda, ModelPrecision.Auto, package));
        Assert.Throws<ModelLoadException>(() => OnnxFrameModel.PrecisionOn(InferenceDevice.Cuda, ModelPrecision.Int8, package));
    }

    [Fact]
    public void Without_an_int8_graph_auto_is_float32_and_int8_is_an_error()
    {
        var package = ModelPackage.Load(ModelFixtures.CtcAlignPackage);

        Assert.Equal(ModelPrecision.Float32, package.Resolve(ModelPrecision.Auto));
        var ex = Assert.Throws<ModelLoadException>(() => package.Resolve(ModelPrecision.Int8));
        Assert.Contains("tools/model/quantize.py", ex.Message);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("""{"fp16": "model.fp16.onnx"}""")]
    [InlineData("""{"int8": "../model.int8.onnx"}""")]
    [InlineData("""{"int8": "model.int8.bin"}""")]
    public void Bad_precisions_are_a_model_load_error(string json)
    {
        var ex = Assert.Throws<ModelLoadException>(() => ModelPackage.Load(PackageWith(json, copyGraph: false)));
        Assert.Contains("precisions", ex.Message);
    }

    [Fact]
    public void A_listed_graph_that_is_missing_is_a_model_load_error()
    {
        var package = ModelPackage.Load(PackageWith("""{"int8": "model.int8.onnx"}""", copyGraph: false));
        var ex = Assert.Throws<ModelLoadException>(() => package.OnnxPathFor(ModelPrecision.Int8));
        Assert.Contains("missing", ex.Message);
    }

    [Fact]
    public void The_identity_covers_both_graphs()
    {
        var dir = PackageWith("""{"int8": "model.int8.onnx"}""");
        var before = ModelIdentity.Of(dir);
        Assert.Contains(" int8 sha256:", before);

        File.AppendAllText(Path.Combine(dir, "model.int8.onnx"), " "); // a changed int8 graph is another model
        Assert.NotEqual(before, ModelIdentity.Of(dir));
    }

    [Theory]
    [InlineData("auto", ModelPrecision.Auto)]
    [InlineData("Float32", ModelPrecision.Float32)]
    [InlineData("int8", ModelPrecision.Int8)]
    public void Precision_names_parse(string text, ModelPrecision expected) => Assert.Equal(expected, ModelPrecisionNames.Parse(text));

    [Fact]
    public void An_unknown_precision_name_is_a_user_error() =>
        Assert.Throws<CtcAlignException>(() => ModelPrecisionNames.Parse("int4"));

    [Fact]
    public void The_default_models_int8_graph_agrees_with_its_float_graph_on_the_sample()
    {
        var dir = Path.Combine(TestMedia.RepositoryRoot(), "models", "default");
        if (ModelPackage.Load(dir).Description.Precisions is null)
            Assert.Fail("models/default ships no int8 graph (tools/model/quantize.py --model models/default)");
        var wav = Path.Combine(TestMedia.RepositoryRoot(), "audio-samples", "sample.wav");
        EmissionMatrixPair(dir, wav, out var f, out var q);

        Assert.Equal(f.Frames, q.Frames);
        int agree = 0;
        double tv = 0;
        var v = f.VocabularySize;
        for (var t = 0; t < f.Frames; t++)
        {
            var (af, aq) = (CtcAlign.Alignment.EmissionMatrix.ArgMax(f.LogProbs.AsSpan(t * v, v)), CtcAlign.Alignment.EmissionMatrix.ArgMax(q.LogProbs.AsSpan(t * v, v)));
            agree += af == aq ? 1 : 0;
            for (var k = 0; k < v; k++)
                tv += Math.Abs(Math.Exp(f.LogProbs[t * v + k]) - Math.Exp(q.LogProbs[t * v + k])) / 2;
        }
        Assert.True(agree >= 0.97 * f.Frames, $"argmax agreement {agree}/{f.Frames}");
        Assert.True(tv / f.Frames < 0.02, $"mean total-variation distance {tv / f.Frames:0.0000}");
    }

    [Fact]
    public void An_int8_windows_emissions_do_not_depend_on_the_windows_run_beside_it()
    {
        var dir = Path.Combine(TestMedia.RepositoryRoot(), "models", "default");
        using var model = OnnxFrameModel.Create(ModelPackage.Load(dir), new OnnxFrameModelOptions(InferenceDevice.Cpu, 1));
        Assert.Equal(ModelPrecision.Int8, model.Precision);
        const int n = 16000 * 4;
        var quiet = new float[n];
        var loud = new float[n];
        var random = new Random(7);
        for (var i = 0; i < n; i++)
        {
            quiet[i] = 0.02f * MathF.Sin(i * 0.05f) + 0.005f * (float)(random.NextDouble() - 0.5);
            loud[i] = 0.9f * (float)(random.NextDouble() - 0.5);
        }
        var alone = model.Run(quiet, 1, n);
        var batch = model.Run([.. quiet, .. loud], 2, n);
        var perWindow = alone.FramesPerWindow * alone.VocabularySize;
        Assert.Equal(alone.Values, batch.Values.AsSpan(0, perWindow).ToArray());
    }

    private static void EmissionMatrixPair(string dir, string wav, out CtcAlign.Alignment.EmissionMatrix f, out CtcAlign.Alignment.EmissionMatrix q)
    {
        using (var fm = AcousticModel.Load(dir, new AcousticModelOptions(new OnnxFrameModelOptions(InferenceDevice.Cpu, 1, Precision: ModelPrecision.Float32))))
            f = fm.ComputeEmissions(wav);
        using var qm = AcousticModel.Load(dir, new AcousticModelOptions(new OnnxFrameModelOptions(InferenceDevice.Cpu, 1)));
        Assert.Equal(ModelPrecision.Int8, qm.Precision);
        q = qm.ComputeEmissions(wav);
    }
}
