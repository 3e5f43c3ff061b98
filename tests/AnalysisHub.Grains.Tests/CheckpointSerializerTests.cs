using AnalysisHub.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AnalysisHub.Grains.Tests;

public sealed class CheckpointSerializerTests
{
    private static readonly CheckpointSerializer Serializer = new(
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    [Fact]
    public void A_checkpoint_round_trips_in_binary_smaller_than_its_cells_as_base64()
    {
        var cells = Enumerable.Range(0, 30_000).Select(i => (byte)(i * 7)).ToArray();
        var checkpoint = new AuthorityCheckpoint { Fingerprint = "4CFCFF28AE7E2DF8", Sequence = 1234, Cells = cells };

        var stored = Serializer.Serialize(checkpoint);
        var read = Serializer.Deserialize<AuthorityCheckpoint>(stored)!;

        Assert.Equal(checkpoint.Fingerprint, read.Fingerprint);
        Assert.Equal(checkpoint.Sequence, read.Sequence);
        Assert.Equal(cells, read.Cells);
        Assert.True(stored.ToArray().Length < Convert.ToBase64String(cells).Length, $"{stored.ToArray().Length} bytes stored");
    }

    [Fact]
    public void A_checkpoint_stored_as_json_by_an_earlier_version_reads_as_no_state_so_the_authority_recounts()
    {
        var json = BinaryData.FromString("""{"$id":"1","$type":"AnalysisHub.Grains.AuthorityCheckpoint, AnalysisHub.Grains","Fingerprint":"X","Sequence":5,"Cells":"AAE="}""");
        Assert.Null(Serializer.Deserialize<AuthorityCheckpoint>(json));
    }
}
