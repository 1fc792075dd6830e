using CtcAlign.Acoustic;
using CtcAlign.Tests.Audio;

namespace CtcAlign.Tests.Acoustic;

public sealed class ModelPackageTests : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    [Fact]
    public void Reads_a_ctcalign_package()
    {
        var package = ModelPackage.Load(ModelFixtures.CtcAlignPackage);
        var d = package.Description;

        Assert.Equal(ModelPackageLayout.CtcAlign, package.Layout);
        Assert.Equal("tiny-test-model", d.Name);
        Assert.Equal(("1", "en", "CC0-1.0"), (d.Version, d.Language, d.License));
        Assert.Equal(16000, d.SampleRate);
        Assert.Equal(320, d.FrameStrideSamples);
        Assert.Equal(0.02, d.FrameSeconds, 12);
        Assert.Equal(("audio", "logits"), (d.InputName, d.OutputName));
        Assert.Equal(ModelOutputKind.Logits, d.OutputKind);
        Assert.Equal(InputNormalization.None, d.Normalization);
        Assert.Equal(["<blank>", "|", "a", "b", "c"], d.Vocabulary.Tokens);
        Assert.Equal(0, d.Vocabulary.BlankIndex);
        Assert.Equal(1, d.Vocabulary.WordDelimiterIndex);
    }

    [Fact]
    public void Reads_a_hugging_face_folder_unchanged()
    {
        var package = ModelPackage.Load(ModelFixtures.HuggingFacePackage);
        var d = package.Description;

        Assert.Equal(ModelPackageLayout.HuggingFace, package.Layout);
        Assert.Equal("tiny-hf-test", d.Name);
        Assert.Equal(16000, d.SampleRate);
        Assert.Equal(320, d.FrameStrideSamples); // 5 * 2^6 from conv_stride
        Assert.Equal(ModelOutputKind.Logits, d.OutputKind);
        Assert.Equal(InputNormalization.None, d.Normalization); // do_normalize: false
        Assert.Equal(["<pad>", "|", "A", "B", "C"], d.Vocabulary.Tokens);
        Assert.Equal(0, d.Vocabulary.BlankIndex);
        Assert.Equal(1, d.Vocabulary.WordDelimiterIndex);
        Assert.True(d.Vocabulary.IsUpperCase);
        Assert.Null(d.InputName);
    }

    [Fact]
    public void Hugging_face_settings_come_from_its_files()
    {
        var dir = ModelFixtures.CopyOf(ModelFixtures.HuggingFacePackage, _media, "hf");
        File.WriteAllText(Path.Combine(dir, "preprocessor_config.json"), """{"do_normalize": true, "sampling_rate": 8000}""");
        File.WriteAllText(Path.Combine(dir, "config.json"), """{"conv_stride": [5, 2, 2], "pad_token_id": 4}""");
        File.WriteAllText(Path.Combine(dir, "vocab.json"), """{"eng": {"a": 0, "|": 1, "b": 2, "c": 3, "<pad>": 4}, "fra": {"x": 0}}""");
        File.WriteAllText(Path.Combine(dir, "tokenizer_config.json"), """{"target_lang": "eng", "word_delimiter_token": "|"}""");

        var d = ModelPackage.Load(dir).Description;

        Assert.Equal(8000, d.SampleRate);
        Assert.Equal(20, d.FrameStrideSamples);
        Assert.Equal(InputNormalization.ZeroMeanUnitVariance, d.Normalization);
        Assert.Equal(4, d.Vocabulary.BlankIndex);
        Assert.Equal(1, d.Vocabulary.WordDelimiterIndex);
        Assert.Equal("eng", d.Language);
    }

    [Fact]
    public void Frame_stride_may_be_given_in_seconds()
    {
        var dir = ModelFixtures.CopyOf(ModelFixtures.CtcAlignPackage, _media, "sec");
        var json = Path.Combine(dir, ModelPackage.DescriptionFileName);
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"frame_stride_samples\": 320", "\"frame_stride_seconds\": 0.01"));

        Assert.Equal(160, ModelPackage.Load(dir).Description.FrameStrideSamples);
    }

    [Theory]
    [InlineData("\"output_kind\": \"logits\"", "\"output_kind\": \"probs\"", "ctcalign-model.json: output_kind \"probs\" is not \"logits\" or \"log_probs\".")]
    [InlineData("\"normalization\": \"none\"", "\"normalization\": \"peak\"", "ctcalign-model.json: normalization \"peak\" is not \"none\" or \"zero_mean_unit_var\".")]
    [InlineData("\"sample_rate\": 16000,", "", "ctcalign-model.json has no \"sample_rate\".")]
    [InlineData("\"sample_rate\": 16000", "\"sample_rate\": \"16k\"", "ctcalign-model.json: \"sample_rate\" must be a number.")]
    [InlineData("\"frame_stride_samples\": 320,", "", "ctcalign-model.json has neither \"frame_stride_samples\" nor \"frame_stride_seconds\".")]
    [InlineData("\"blank\": \"<blank>\"", "\"blank\": \"<eps>\"", "ctcalign-model.json: blank token \"<eps>\" is not in the vocabulary.")]
    [InlineData("\"blank\": \"<blank>\"", "\"blank\": 9", "ctcalign-model.json: blank index 9 is outside the 5 tokens.")]
    [InlineData("\"vocabulary\": [", "\"vocab\": [", "ctcalign-model.json has no \"vocabulary\" array of tokens in column order.")]
    [InlineData("\"name\"", "\"name\" \"oops\"", "ctcalign-model.json is not valid JSON: ")]
    public void Bad_descriptions_are_clear_errors(string find, string replace, string expected)
    {
        var dir = ModelFixtures.CopyOf(ModelFixtures.CtcAlignPackage, _media, "bad");
        var json = Path.Combine(dir, ModelPackage.DescriptionFileName);
        var text = File.ReadAllText(json);
        Assert.Contains(find, text);
        File.WriteAllText(json, text.Replace(find, replace));

        var ex = Assert.Throws<ModelLoadException>(() => ModelPackage.Load(dir));
        Assert.StartsWith(expected, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Missing_files_are_clear_errors()
    {
        var absent = _media.PathOf("nowhere");
        Assert.Equal($"Model folder '{absent}' does not exist.", Assert.Throws<ModelLoadException>(() => ModelPackage.Load(absent)).Message);

        var empty = _media.PathOf("empty");
        Directory.CreateDirectory(empty);
        Assert.Equal($"Model folder '{empty}' has no model.onnx.", Assert.Throws<ModelLoadException>(() => ModelPackage.Load(empty)).Message);

        var bare = _media.PathOf("bare");
        Directory.CreateDirectory(bare);
        File.Copy(Path.Combine(ModelFixtures.CtcAlignPackage, "model.onnx"), Path.Combine(bare, "model.onnx"));
        Assert.StartsWith($"Model folder '{bare}' has model.onnx but no description: add ctcalign-model.json",
            Assert.Throws<ModelLoadException>(() => ModelPackage.Load(bare)).Message);

        var hf = ModelFixtures.CopyOf(ModelFixtures.HuggingFacePackage, _media, "hf");
        File.Delete(Path.Combine(hf, "preprocessor_config.json"));
        Assert.Equal($"Model folder '{hf}' has no preprocessor_config.json.", Assert.Throws<ModelLoadException>(() => ModelPackage.Load(hf)).Message);
    }

    [Fact]
    public void Default_model_is_found_above_the_executable_or_from_the_environment()
    {
        var root = _media.PathOf("install");
        var model = Path.Combine(root, "models", "default");
        Directory.CreateDirectory(model);
        File.WriteAllBytes(Path.Combine(model, "model.onnx"), [0]);
        var bin = Path.Combine(root, "bin", "Release", "net10.0");
        Directory.CreateDirectory(bin);

        Assert.Equal(model, DefaultModelLocator.FindDefault(null, bin));
        Assert.Equal("/opt/model", DefaultModelLocator.FindDefault("/opt/model", bin));
        // A models/default without model.onnx is not a model.
        var hollow = _media.PathOf("hollow");
        Directory.CreateDirectory(Path.Combine(hollow, "models", "default"));
        Assert.NotEqual(Path.Combine(hollow, "models", "default"), DefaultModelLocator.FindDefault(null, Path.Combine(hollow, "bin")));
        Assert.Equal("given", DefaultModelLocator.Resolve("given"));
    }

    [Fact]
    public void Boundary_rules_come_from_the_package_and_the_user_overrides_single_rules()
    {
        var dir = ModelFixtures.CopyOf(ModelFixtures.CtcAlignPackage, _media, "rules");
        var json = Path.Combine(dir, "ctcalign-model.json");
        var text = File.ReadAllText(json).TrimEnd();
        File.WriteAllText(json, text[..^1] + """, "boundary_rules": {"start_shift_s": -0.04, "end_pad_s": 0.06, "gap_limit_s": 0.25}}""");

        var d = ModelPackage.Load(dir).Description;
        Assert.Equal(new BoundaryRules(-0.04, 0.06, 0.25), d.BoundaryRules);

        var fromModel = new CtcAlign.Pipeline.AlignerSettings { BoundariesFromModel = new() }.ForModel(d).WordBoundaries;
        Assert.Equal((2, 3, 0.25), (fromModel.StartEarlyFrames, fromModel.EndLateFrames, fromModel.MidpointMaxGapSeconds));

        var chosen = new CtcAlign.Pipeline.AlignerSettings { BoundariesFromModel = new(EndLateFrames: 0) }.ForModel(d).WordBoundaries;
        Assert.Equal((2, 0, 0.25), (chosen.StartEarlyFrames, chosen.EndLateFrames, chosen.MidpointMaxGapSeconds));

        var explicitOnly = new CtcAlign.Pipeline.AlignerSettings().ForModel(d).WordBoundaries;
        Assert.Equal(CtcAlign.Alignment.WordBoundaryOptions.Default, explicitOnly);
    }

    [Fact]
    public void A_package_without_boundary_rules_gets_the_built_in_ones()
    {
        var d = ModelPackage.Load(ModelFixtures.CtcAlignPackage).Description;
        Assert.Null(d.BoundaryRules);
        var b = new CtcAlign.Pipeline.AlignerSettings { BoundariesFromModel = new(StartEarlyFrames: 0) }.ForModel(d).WordBoundaries;
        Assert.Equal(CtcAlign.Alignment.WordBoundaryOptions.Default with { StartEarlyFrames = 0 }, b);
    }

    [Theory]
    [InlineData("\"boundary_rules\": 3")]
    [InlineData("\"boundary_rules\": {\"start_shift_s\": -0.02, \"end_pad_s\": 0.02}")]
    [InlineData("\"boundary_rules\": {\"start_shift_s\": -9, \"end_pad_s\": 0.02, \"gap_limit_s\": 0.3}")]
    public void Bad_boundary_rules_are_a_model_load_error(string field)
    {
        var dir = ModelFixtures.CopyOf(ModelFixtures.CtcAlignPackage, _media, "bad-rules");
        var json = Path.Combine(dir, "ctcalign-model.json");
        var text = File.ReadAllText(json).TrimEnd();
        File.WriteAllText(json, text[..^1] + ", " + field + "}");
        var ex = Assert.Throws<ModelLoadException>(() => ModelPackage.Load(dir));
        Assert.Contains("boundary_rules", ex.Message);
    }
}
