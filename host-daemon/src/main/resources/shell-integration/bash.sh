# Drover shell integration for bash. The host daemon writes this file when it starts (edits are
# lost) and starts bash sessions as `bash --rcfile <this file>` (bash-login.sh for `bash -l`). Like
# VS Code's shell integration, it first loads the startup files bash would have loaded, then tells
# the terminal what the shell does, with escape sequences the daemon reads from the output:
#   OSC 7 ; file://<host><cwd>      the working directory (percent-encoded), at every prompt
#   OSC 133 ; A  ...  OSC 133 ; B   around the prompt (PS1): prompt start, command input start
#   OSC 633 ; E ; <command line>    the command line about to run (\\ and \xHH escapes), from PS0
#   OSC 133 ; C                     the command runs, from PS0
#   OSC 133 ; D ; <exit code>       the command finished, first thing in PROMPT_COMMAND
# The command line is taken from the history: a line bash does not record there (HISTCONTROL
# ignorespace or ignoredups, `set +o history`) is reported as unknown. Needs bash 4.4 (PS0).

if [ -n "${__drover_si_login-}" ]; then
    # Stand-in for -l, which does not go with --rcfile: the files a login shell reads.
    unset __drover_si_login
    if [ -r /etc/profile ]; then . /etc/profile; fi
    if [ -r ~/.bash_profile ]; then . ~/.bash_profile
    elif [ -r ~/.bash_login ]; then . ~/.bash_login
    elif [ -r ~/.profile ]; then . ~/.profile
    fi
elif [ -r ~/.bashrc ]; then
    . ~/.bashrc
fi

if [ -z "${__drover_si_installed-}" ] && (( BASH_VERSINFO[0] > 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] >= 4) )); then
    __drover_si_installed=1
    __drover_si_ran=0
    __drover_si_status=0
    __drover_si_history=
    __drover_si_cwd=
    __drover_si_cwd_url=
    __drover_si_ps1=

    # Percent-encodes the path $1 for a file:// URL, into REPLY.
    __drover_si_url_path() {
        local LC_ALL=C path=$1 out= c i
        for (( i = 0; i < ${#path}; i++ )); do
            c=${path:i:1}
            case $c in
                [a-zA-Z0-9/._~-]) out+=$c ;;
                *) printf -v c '%%%02X' "'$c"; out+=$c ;;
            esac
        done
        REPLY=$out
    }

    # Escapes $1 as VS Code does in OSC 633 (backslash doubled; ; and control characters as \xHH), into REPLY.
    __drover_si_escape() {
        local LC_ALL=C value=$1 out= c i
        if [[ $value != *[\\\;[:cntrl:]]* ]]; then
            REPLY=$value
            return
        fi
        for (( i = 0; i < ${#value}; i++ )); do
            c=${value:i:1}
            case $c in
                \\) out+='\\' ;;
                \;) out+='\x3b' ;;
                [[:cntrl:]]) printf -v c '\\x%02x' "'$c"; out+=$c ;;
                *) out+=$c ;;
            esac
        done
        REPLY=$out
    }

    # Run by PS0 in a subshell once bash has read a command line: the line (when the history has it
    # under the number it was due to get) and that it runs.
    __drover_si_preexec() {
        local entry pattern='^ *([0-9]+)[* ] (.*)$'
        entry=$(HISTTIMEFORMAT= builtin history 1)
        if [[ $entry =~ $pattern ]] && [ "${BASH_REMATCH[1]}" = "$__drover_si_history" ]; then
            __drover_si_escape "${BASH_REMATCH[2]}"
            builtin printf '\e]633;E;%s\a' "$REPLY"
        fi
        builtin printf '\e]133;C\a'
    }

    # First in PROMPT_COMMAND: the finished command's exit code (only when a command ran), the
    # working directory; keeps $? for the user's own prompt commands.
    __drover_si_precmd() {
        __drover_si_status=$?
        if [ "$__drover_si_ran" = 1 ]; then
            __drover_si_ran=0
            builtin printf '\e]133;D;%s\a' "$__drover_si_status"
        fi
        if [ "$PWD" != "$__drover_si_cwd" ]; then
            __drover_si_cwd=$PWD
            __drover_si_url_path "$PWD"
            __drover_si_cwd_url=$REPLY
        fi
        builtin printf '\e]7;file://%s%s\a' "$HOSTNAME" "$__drover_si_cwd_url"
        __drover_si_history=$HISTCMD
        return "$__drover_si_status"
    }

    # Last in PROMPT_COMMAND: puts the prompt marks around PS1 again when the user's prompt commands replaced it.
    __drover_si_prompt() {
        if [ "$PS1" != "$__drover_si_ps1" ]; then
            __drover_si_ps1='\[\e]133;A\a\]'$PS1'\[\e]133;B\a\]'
            PS1=$__drover_si_ps1
        fi
        return "$__drover_si_status"
    }

    if [[ ${PROMPT_COMMAND@a} == *a* ]]; then
        PROMPT_COMMAND=(__drover_si_precmd "${PROMPT_COMMAND[@]}" __drover_si_prompt)
    else
        PROMPT_COMMAND=__drover_si_precmd${PROMPT_COMMAND:+$'\n'$PROMPT_COMMAND}$'\n'__drover_si_prompt
    fi
    # The subscript of a never-set array is evaluated in this shell (not in a subshell) and expands
    # to nothing: it records that a command is about to run.
    PS0='${__drover_si_none[__drover_si_ran=1]}$(__drover_si_preexec)'${PS0-}
fi
