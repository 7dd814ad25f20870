// A target option the target does not declare fails the build before anything is read, naming the valid keys.
def log = new File(basedir, 'build.log').text
assert log.contains("netlingua: <target> calico: <options>: calico has no target option 'colour' (valid keys: tier, ")
assert log.contains('colour')
assert log.contains('tier')
assert log.contains('MojoExecutionException')
assert !new File(basedir, 'target/generated-resources/netlingua').exists()
return true
