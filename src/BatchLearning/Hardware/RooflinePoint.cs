namespace BatchLearning.Hardware;

/// <summary>A dense layer timed at one batch size, placed on its roofline.</summary>
/// <param name="BatchSize">Items in the batch.</param>
/// <param name="FlopsPerByte">The layer's arithmetic intensity at that batch size (<see cref="Roofline.DenseLayerIntensity"/>).</param>
/// <param name="AchievedGigaflopsPerSecond">What the timed layer reached.</param>
/// <param name="RoofGigaflopsPerSecond">What the roofline allows at that intensity.</param>
/// <param name="ShareOfRoof">Achieved over allowed (above 1: above the roof).</param>
public sealed record RooflinePoint(int BatchSize, double FlopsPerByte, double AchievedGigaflopsPerSecond, double RoofGigaflopsPerSecond, double ShareOfRoof);
