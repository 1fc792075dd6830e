using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CtcAlign.Acoustic;
using CtcAlign.Alignment;
using CtcAlign.LongForm;
using CtcAlign.Pipeline;
using CtcAlign.Tests.Audio;

namespace CtcAlign.Tests.Acoustic;

/// <summary>The calibration block of ctcalign-model.json: read, checked against the features and the model.onnx it was fitted for.</summary>
public sealed class ModelCalibrationTests : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    private string PackageWith(Action<JsonObject> calibration, string name = "calibrated")
    {
        var dir = ModelFixtures.CopyOf(ModelFixtures.CtcAlignPackage, _media, name);
        var path = Path.Combine(dir, ModelPackage.DescriptionFileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var n = LineEvidence.FeatureNames.Count;
        var block = new JsonObject
        {
            ["features"] = new JsonArray([.. LineEvidence.FeatureNames.Select(f => (JsonNode)f)]),
            ["means"] = new JsonArray([.. Enumerable.Repeat(0.0, n).Select(v => (JsonNode)v)]),
            ["scales"] = new JsonArray([.. Enumerable.Repeat(2.0, n).Select(v => (JsonNode)v)]),
            ["weights"] = new JsonArray([.. Enumerable.Range(0, n).Select(i => (JsonNode)(i * 0.1))]),
            ["intercept"] = 1.5,
            ["min_p"] = 0.87,
            ["model_sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, "model.onnx")))),
        };
        calibration(block);
        json["calibration"] = block;
        File.WriteAllText(path, json.ToJsonString());
        return dir;
    }

    [Fact]
    public void Reads_the_calibration_and_the_aligner_settings_take_it()
    {
        var d = ModelPackage.Load(PackageWith(_ => { })).Description;
        var c = d.Calibration!;
        Assert.Equal(LineEvidence.FeatureNames, c.FeatureNames);
        Assert.Equal((1.5, 0.87), (c.Intercept, c.MinP));
        Assert.Equal(0.1, c.Weights[1], 12);
        Assert.Equal(2.0, c.Scales[0]);
        Assert.Null(d.CalibrationNote);

        Assert.Same(c, new AlignerSettings().ForModel(d).Calibration);
        Assert.Null(new AlignerSettings { CalibrationFromModel = false }.ForModel(d).Calibration);
        Assert.Null(ModelPackage.Load(ModelFixtures.CtcAlignPackage).Description.Calibration);
    }

    [Fact]
    public void Reads_the_vetoes_and_a_block_without_them_keeps_both_checks()
    {
        Assert.Equal(LineCalibration.DefaultVetoes, ModelPackage.Load(PackageWith(_ => { })).Description.Calibration!.Vetoes);
        var pause = PackageWith(b => b["vetoes"] = new JsonArray("pause"), "pause-veto");
        Assert.Equal(LineChecks.Pause, ModelPackage.Load(pause).Description.Calibration!.Vetoes);
        var none = PackageWith(b => b["vetoes"] = new JsonArray(), "no-veto");
        Assert.Equal(LineChecks.None, ModelPackage.Load(none).Description.Calibration!.Vetoes);
        var bad = PackageWith(b => b["vetoes"] = new JsonArray("pause", "slow_speech"), "bad-veto");
        var message = Assert.Throws<ModelLoadException>(() => ModelPackage.Load(bad)).Message;
        Assert.Contains("calibration.vetoes", message);
        Assert.Contains("\"not_heard\", \"pause\"", message);
    }

    [Fact]
    public void A_calibration_over_other_features_is_not_used_and_says_why()
    {
        // fitted by a ctcalign with other features: the package still loads (rule statuses), so fit.sh can refit it
        var d = ModelPackage.Load(PackageWith(b => b["features"]!.AsArray()[0] = "rho_squared")).Description;
        Assert.Null(d.Calibration);
        Assert.StartsWith("the calibration in ctcalign-model.json was fitted over other features than this ctcalign computes", d.CalibrationNote);
        Assert.Contains("without rho; with rho_squared", d.CalibrationNote);
        Assert.Contains("refit with tools/calibrate/fit.sh", d.CalibrationNote);

        var missing = PackageWith(b => b.Remove("intercept"), "no-intercept");
        Assert.Contains("calibration.intercept", Assert.Throws<ModelLoadException>(() => ModelPackage.Load(missing)).Message);
    }

    [Fact]
    public void A_calibration_fitted_for_another_model_onnx_is_not_used_and_says_why()
    {
        var d = ModelPackage.Load(PackageWith(b => b["model_sha256"] = new string('a', 64))).Description;
        Assert.Null(d.Calibration);
        Assert.StartsWith("the calibration in ctcalign-model.json was fitted for model.onnx sha256 aaaaaaaaaaaa, this model.onnx is ", d.CalibrationNote);
        Assert.Contains("refit with tools/calibrate/fit.sh", d.CalibrationNote);
    }
}
