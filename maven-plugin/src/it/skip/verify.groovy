// -Dnetlingua.skip=true: a program with errors does not fail the build, and nothing is written.
def log = new File(basedir, 'build.log').text
assert log.contains('netlingua: skipped')
assert !log.contains('error[NL')
assert !new File(basedir, 'target/generated-resources/netlingua').exists()
return true
