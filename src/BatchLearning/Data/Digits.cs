using static TorchSharp.torch;

namespace BatchLearning.Data;

/// <summary>
/// The course's real data set: 1,797 handwritten digits, each an 8 x 8 image of pixel counts 0..16, with its class 0..9.
/// From the test part of the UCI "Optical Recognition of Handwritten Digits" data (E. Alpaydin, C. Kaynak, 1998), CC BY 4.0;
/// the file travels inside the library (data/digits.csv.gz in the repository).
/// </summary>
public static class Digits
{
    /// <summary>Samples in the set.</summary>
    public const int Count = 1797;

    /// <summary>Pixels per image (8 x 8).</summary>
    public const int Features = 64;

    /// <summary>Classes (the digits 0 to 9).</summary>
    public const int Classes = 10;

    /// <summary>
    /// Loads the digits: features are the 64 pixel counts scaled to 0..1 (divided by 16), float32; labels are int64 classes.
    /// </summary>
    public static TensorDataSet Load()
    {
        using var stream = typeof(Digits).Assembly.GetManifestResourceStream("BatchLearning.Data.digits.csv.gz")
            ?? throw new InvalidOperationException("The digits data is missing from the BatchLearning assembly; rebuild the library.");
        using var unzipped = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(unzipped);
        using var raw = NumericCsv.Read(reader, "digits.csv.gz");
        return new TensorDataSet(raw.Features / 16f, raw.Labels.clone());
    }
}
