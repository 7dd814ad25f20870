package io.netlingua.maven;

import io.netlingua.Netlingua;
import io.netlingua.dsl.ParseResult;
import io.netlingua.emit.CompileReport;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Reports the diagnostics {@code generate} would for every configured target, and writes no object. */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends AbstractNetlinguaMojo {

  @Override
  CompileReport compile(ParseResult parsed, Run run) throws MojoExecutionException {
    try {
      return Netlingua.compile(parsed, run.target(), run.options(), (document, yaml) -> { });
    } catch (IOException e) {
      throw new IllegalStateException("a sink that keeps nothing does not throw", e);
    }
  }

  @Override
  String done(CompileReport report) {
    return ", checked";
  }
}
