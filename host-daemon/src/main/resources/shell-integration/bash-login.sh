# Drover shell integration for login bash sessions (`bash -l`); written by the host daemon when it
# starts. Loads the login startup files instead of ~/.bashrc, then the same integration as bash.sh.
__drover_si_login=1
. "${BASH_SOURCE[0]%/*}/bash.sh"
