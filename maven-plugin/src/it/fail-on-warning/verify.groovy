// failOnWarning: a program whose only finding is a warning (log, which Kubernetes cannot express) fails the build,
// with the positioned warning and the reason, and writes nothing for that target, as an error would; the failed build
// leaves no state file, so the next build compiles again and fails again.
def file = new File(basedir, 'src/main/netlingua/web.npl').canonicalPath
def root = new File(basedir, 'src/main/netlingua').canonicalPath
def builds = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 2
builds.each { log ->
  assert log.contains("[WARNING] ${file}:6:5: warning[NL3022]: kubernetes: log is not expressible: matching traffic is not logged")
  assert log.contains('    6 |     log allow from pods(app=frontend) on tcp/8080')
  assert log.contains('      |     ^~~~')
  assert !log.contains('error[NL')
  assert log.contains('netlingua kubernetes 1.35: 1 object(s), 1 warning, nothing written')
  assert log.contains('BUILD FAILURE')
  assert log.contains("MojoFailureException: netlingua: 0 error(s), 1 warning(s) (failOnWarning) in ${root}")
  assert !log.contains('nothing changed')
}
assert !new File(basedir, 'target/generated-resources/netlingua/kubernetes').exists()
assert !new File(basedir, 'target/netlingua/default.state').exists()
return true
