using AnalysisHub.Cli.Ingest;
using AnalysisHub.Cli.Tests.Support;
using CsCheck;

namespace AnalysisHub.Cli.Tests.Ingest;

/// <summary>
/// The resume rules against a model: a file is recorded as done exactly once, only when it has been read to
/// its end and every one of its batches was acknowledged, whatever order the parallel answers come in; and
/// the recorded state says "skip" exactly for files recorded and unchanged since, across restarts.
/// </summary>
public sealed class ResumePropertyTests
{
    [Fact]
    public void A_file_is_done_once_when_read_and_every_batch_acknowledged_in_any_answer_order()
    {
        var files = Gen.Bool.Array[0, 4].Array[1, 4];
        Gen.Select(files, Gen.Int[0, 1000].Array[60]).Sample((answers, choices) =>
        {
            var sources = answers.Select((_, i) => new InputSource($"f{i}", null, "crime", RecordFormat.Ndjson)).ToArray();
            var completed = new List<int>();
            var inFlight = new List<(int Source, bool Acknowledged)>();
            int producing = 0, made = 0, step = 0;
            while (producing < sources.Length || inFlight.Count > 0)
            {
                var choice = choices[step++ % choices.Length] + step;
                if (producing < sources.Length && (inFlight.Count == 0 || choice % 2 == 0))
                {
                    // The reader makes the file's next batch, or reaches its end and moves to the next file.
                    if (made < answers[producing].Length)
                    {
                        sources[producing].BatchMade();
                        inFlight.Add((producing, answers[producing][made++]));
                    }
                    else
                    {
                        if (sources[producing].ReadToEnd()) completed.Add(producing);
                        (producing, made) = (producing + 1, 0);
                    }
                }
                else
                {
                    var pick = choice % inFlight.Count;
                    var (source, acknowledged) = inFlight[pick];
                    inFlight.RemoveAt(pick);
                    if (sources[source].BatchAnswered(acknowledged)) completed.Add(source);
                }
            }
            var expected = Enumerable.Range(0, answers.Length).Where(i => answers[i].All(a => a)).ToList();
            Assert.Equal(expected, completed.Order().ToList());
        }, iter: 2000);
    }

    private enum Step { Acknowledge, Change, Restart }

    [Fact]
    public void The_state_skips_exactly_the_files_recorded_and_unchanged_since_across_restarts()
    {
        var steps = Gen.Select(Gen.Enum<Step>(), Gen.Int[0, 2]).Array[1, 12];
        Gen.Select(steps, Gen.Bool).Sample((plan, ownFolder) =>
        {
            using var folder = new TempFolder();
            using var stateFolder = new TempFolder();
            var paths = Enumerable.Range(0, 3).Select(i => folder.Write($"crime-{i}.ndjson", "{}\n")).ToArray();
            var sources = paths.Select(p => new InputSource(Path.GetFileName(p), p, "crime", RecordFormat.Ndjson)).ToArray();
            ResumeState Open() => new(ownFolder ? stateFolder.Path : null, new Uri("http://127.0.0.1:5080/"));
            var state = Open();
            var model = new HashSet<int>();
            foreach (var (step, file) in plan)
            {
                switch (step)
                {
                    case Step.Acknowledge:
                        state.Acknowledge(sources[file]);
                        model.Add(file);
                        break;
                    case Step.Change:
                        File.AppendAllText(paths[file], "{}\n");
                        model.Remove(file);
                        break;
                    case Step.Restart:
                        state = Open();
                        break;
                }
                for (var i = 0; i < sources.Length; i++) Assert.Equal(model.Contains(i), state.IsAcknowledged(sources[i]));
            }
            // Another hub has had none of them.
            var elsewhere = new ResumeState(ownFolder ? stateFolder.Path : null, new Uri("http://10.0.0.1:5080/"));
            Assert.All(sources, s => Assert.False(elsewhere.IsAcknowledged(s)));
        }, iter: 200);
    }
}
